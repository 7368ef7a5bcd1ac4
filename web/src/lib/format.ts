import { locales } from './locales';

/**
 * Digits: each locale's interface writes numbers in the digits its content uses (locales.json's
 * `numberingSystem`), whatever the default of the ICU version at hand (Node 20's `ar` gives Latin
 * digits, while the Arabic content writes Arabic-Indic ones): Persian ۰–۹, Arabic ٠–٩, Latin
 * elsewhere. A locale without one gets Intl's default.
 */
export function numberingSystemOf(locale: string): string | undefined {
  return locales.find((l) => l.code === locale)?.numberingSystem;
}

/**
 * The formats next-intl uses for `{n, number, integer}` in the catalogs (web/src/i18n/request.ts):
 * whole numbers in the locale's digits. A plain `{n, number}` cannot be given digits this way, so
 * the catalogs write `{page, number, integer}` (tests/unit/web-locale-format.test.ts checks it).
 */
export function intlFormats(locale: string) {
  const numberingSystem = numberingSystemOf(locale);
  return { number: { integer: { maximumFractionDigits: 0, ...(numberingSystem ? { numberingSystem } : {}) } } };
}

/** Dates in the page's locale through Intl: fa gives the Solar Hijri calendar; digits as numberingSystemOf says. */
export function formatDate(iso: string | null | undefined, locale: string): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const numberingSystem = numberingSystemOf(locale);
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeZone: 'UTC',
    ...(numberingSystem ? { numberingSystem } : {}),
  }).format(date);
}
