import { defineRouting } from 'next-intl/routing';
import { defaultLocale, localeCodes } from '@/lib/locales';

export const routing = defineRouting({
  locales: localeCodes,
  defaultLocale,
  // Every locale is prefixed (/en, /fa, /fr, /ar); `/` negotiates: Accept-Language, else en.
  localePrefix: 'always',
  // No cookie: pages, 404s and redirects are cached by shared caches, which store no response that
  // sets one, and a reader who is at risk gets no record of the languages they read.
  localeCookie: false,
  alternateLinks: false, // pages render their own hreflang links, per document
});
