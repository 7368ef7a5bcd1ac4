import '@/app/fonts.css';
import '../globals.css';
import '../print.css';
import type { Metadata, Viewport } from 'next';
import { draftMode } from 'next/headers';
import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { cmsIsReachable } from '@/data';
import { localeParam } from '@/i18n/segments';
import { env } from '@/lib/env';
import { dirOf, localeCodes } from '@/lib/locales';

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

/**
 * With the CMS up, every locale's pages are prerendered at build. With it down the build still
 * succeeds: nothing is prerendered, and each page renders on its first request and is cached.
 */
export async function generateStaticParams() {
  return (await cmsIsReachable()) ? localeCodes.map((locale) => ({ locale })) : [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = localeParam((await params).locale);
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  return {
    metadataBase: new URL(env().SITE_URL),
    title: { template: `%s | ${t('siteName')}`, default: t('siteName') },
    description: t('description'),
    applicationName: t('siteName'),
    formatDetection: { telephone: false, email: false, address: false },
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#7a1f1f',
};

export default async function LocaleLayout({ children, params }: Props) {
  const locale = localeParam((await params).locale);
  const t = await getTranslations('Layout');
  const { isEnabled: preview } = await draftMode();
  return (
    <html lang={locale} dir={dirOf(locale)}>
      <body>
        <a className="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        {preview && (
          <p className="preview-banner" data-preview role="status">
            {t('previewNotice')} <a href={`/api/preview/exit?path=/${locale}`}>{t('previewExit')}</a>
          </p>
        )}
        {children}
      </body>
    </html>
  );
}
