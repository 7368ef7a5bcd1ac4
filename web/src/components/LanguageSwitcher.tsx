import { getTranslations } from 'next-intl/server';
import { locales } from '@/lib/locales';

/** locale → the path of this document in that locale, or null where it is not translated. */
export type LanguageLinks = Record<string, string | null>;

/**
 * Plain links (they work without JavaScript), one per language, by its native name. Each leads to
 * the same document in that language, under that language's slug; where there is no translation,
 * the switcher says so instead of linking to a 404.
 */
export async function LanguageSwitcher({ locale, links }: { locale: string; links: LanguageLinks }) {
  const t = await getTranslations('LanguageSwitcher');
  return (
    <nav className="switcher" aria-label={t('label')}>
      <ul>
        {locales.map(({ code, name, dir }) => {
          const href = links[code];
          const label = (
            <span lang={code} dir={dir}>
              {name}
            </span>
          );
          if (code === locale) {
            return (
              <li key={code} className="current" aria-current="true">
                {label}
              </li>
            );
          }
          if (!href) {
            return (
              <li key={code} className="unavailable">
                {label} <small>({t('notTranslated')})</small>
              </li>
            );
          }
          return (
            <li key={code}>
              <a href={href} hrefLang={code} lang={code}>
                {label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
