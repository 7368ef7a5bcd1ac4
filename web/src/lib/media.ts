import { env } from './env';

/**
 * Where the browser loads CMS media from: always this site's own origin (next.config rewrites
 * /uploads/* to the CMS), never a third party. Media on another host is not shown.
 */
export function mediaSrc(url: unknown): string | null {
  if (typeof url !== 'string' || !url) return null;
  if (url.startsWith('/uploads/')) return url;
  const cms = env().CMS_URL;
  if (url.startsWith(`${cms}/uploads/`)) return url.slice(cms.length);
  return null;
}
