import type messages from '@publication/locales/en.json';
import type { routing } from './i18n/routing';

// A message key missing from the English catalog is a type error; other catalogs are checked
// against English by tests/unit/web-messages.test.ts.
declare module 'next-intl' {
  interface AppConfig {
    Locale: (typeof routing.locales)[number];
    Messages: typeof messages;
  }
}
