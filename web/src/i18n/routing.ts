import { defineRouting } from 'next-intl/routing';
import { defaultLocale, localeCodes } from '@/lib/locales';

export const routing = defineRouting({
  locales: localeCodes,
  defaultLocale,
  // Every locale is prefixed (/en, /fa, /fr, /ar); `/` negotiates: cookie, Accept-Language, en.
  localePrefix: 'always',
  // Remember a reader's choice for a year (next-intl sets it when a visited locale differs from
  // what Accept-Language would pick, or from an earlier choice).
  localeCookie: { maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' },
  alternateLinks: false, // pages render their own hreflang links, per document
});
