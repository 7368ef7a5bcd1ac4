import type { Core } from '@strapi/strapi';
import localeList from '@publication/locales/locales.json';

/** Creates every locale of the one list in `locales/` and makes its default the CMS's default. */
export async function syncLocales(strapi: Core.Strapi) {
  const locales = strapi.plugin('i18n').service('locales');

  for (const { code, name, englishName } of localeList.locales) {
    if (!(await locales.findByCode(code))) {
      await locales.create({ code, name: `${englishName} (${code})` });
      strapi.log.info(`[locales] created ${code} (${name})`);
    }
  }

  const current = await locales.getDefaultLocale();
  if (current !== localeList.defaultLocale) {
    await locales.setDefaultLocale({ code: localeList.defaultLocale });
  }
}
