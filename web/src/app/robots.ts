import type { MetadataRoute } from 'next';
import { absoluteUrl } from '@/lib/metadata';
import { paths } from '@/lib/paths';

/** /robots.txt: everything but the API may be crawled; the sitemap lists the pages. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: '/api/' },
    sitemap: absoluteUrl(paths.sitemap()),
  };
}
