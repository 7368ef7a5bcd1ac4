import list from '@publication/locales/locales.json';

/** The one list of locales (locales/locales.json), as the site uses it. */
export type LocaleInfo = {
  code: string;
  name: string;
  englishName: string;
  dir: 'ltr' | 'rtl';
  /** The digits its text is written in (an Intl numbering system: latn, arabext, arab). */
  numberingSystem?: string;
};

export const locales: readonly LocaleInfo[] = list.locales.map((l) => ({
  ...l,
  dir: l.dir === 'rtl' ? 'rtl' : 'ltr',
}));
export const localeCodes: string[] = locales.map((l) => l.code);
export const defaultLocale: string = list.defaultLocale;
/** The locale every translation is made from. */
export const sourceLocale: string = list.defaultLocale;

export function isLocale(value: unknown): value is string {
  return typeof value === 'string' && localeCodes.includes(value);
}

export function localeInfo(code: string): LocaleInfo {
  const found = locales.find((l) => l.code === code);
  if (!found) throw new Error(`Unknown locale ${code}`);
  return found;
}

export const dirOf = (code: string) => localeInfo(code).dir;

/** Open Graph wants language_TERRITORY (fa_IR); derived with Intl, so a new locale needs no table. */
export function ogLocale(code: string): string {
  const full = new Intl.Locale(code).maximize();
  return full.region ? `${full.language}_${full.region}` : full.language;
}

/** The name of `code` in the language `inLocale` ("Persian" in English, "persan" in French). */
export function languageName(code: string, inLocale: string): string {
  try {
    return new Intl.DisplayNames([inLocale], { type: 'language' }).of(code) ?? localeInfo(code).name;
  } catch {
    return localeInfo(code).name;
  }
}
