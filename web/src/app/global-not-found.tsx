import '@/app/fonts.css';
import './globals.css';
import { getLocale, getTranslations } from 'next-intl/server';
import { NotFoundView } from '@/components/NotFoundView';
import { dirOf, isLocale, defaultLocale } from '@/lib/locales';

/**
 * Every URL no route matches: unknown paths under a locale (/en/de after /de), and the unknown
 * slugs and malformed paths the proxy sends here. Server-rendered, localized (the proxy tells the
 * locale in next-intl's request header), answered with status 404. A global-not-found page is its
 * own route, so reading the request here keeps every other page static (a root not-found.tsx is
 * rendered into every page and would make them all dynamic).
 */
export default async function GlobalNotFound() {
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : defaultLocale;
  const t = await getTranslations({ locale, namespace: 'Layout' });
  return (
    <html lang={locale} dir={dirOf(locale)}>
      <body>
        <a className="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        <NotFoundView locale={locale} />
      </body>
    </html>
  );
}
