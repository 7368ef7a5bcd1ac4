import { hasLocale } from 'next-intl';
import { getRequestConfig } from 'next-intl/server';
import { intlFormats } from '@/lib/format';
import { routing } from './routing';

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  return {
    locale,
    // A relative template, so the bundler includes every catalog (a bare package path is not resolved).
    messages: (await import(`../../../locales/${locale}.json`)).default,
    timeZone: 'UTC',
    // Numbers in the locale's digits (Arabic-Indic in Arabic, as the content writes them).
    formats: intlFormats(locale),
  };
});
