import { getTranslations } from 'next-intl/server';
import { getFeedContent } from '@/data';
import { atomFeed } from '@/feeds/atom';
import { env } from '@/lib/env';
import { isLocale } from '@/lib/locales';
import { plainText, unlessCmsDown } from '@/lib/responses';

// Rendered per request from the CMS answers in the data cache (refreshed by the publish webhook);
// a build without the CMS has nothing to prerender it from.
export const dynamic = 'force-dynamic';

/** /{locale}/feed.xml: the locale's Atom feed, the statement and the newest articles in full. */
export async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) return plainText(404, 'Not found');
  return unlessCmsDown(() => feed(locale));
}

async function feed(locale: string): Promise<Response> {
  const content = await getFeedContent(locale);
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  const xml = atomFeed({ locale, site: env().SITE_URL, title: t('siteName'), subtitle: t('description'), ...content });
  return new Response(xml, {
    headers: {
      'Content-Type': 'application/atom+xml; charset=utf-8',
      // Readers and caches ask again each time: a publish shows at once.
      'Cache-Control': 'public, no-cache',
    },
  });
}
