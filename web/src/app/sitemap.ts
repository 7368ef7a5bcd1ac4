import type { MetadataRoute } from 'next';
import { getSitemapContent } from '@/data';
import { sitemapEntries } from '@/feeds/sitemap';

// Rendered per request from the CMS answers in the data cache (refreshed by the publish webhook);
// a build without the CMS has nothing to prerender it from.
export const dynamic = 'force-dynamic';

/** /sitemap.xml: every published page in every locale, with its hreflang alternates. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  return sitemapEntries(await getSitemapContent());
}
