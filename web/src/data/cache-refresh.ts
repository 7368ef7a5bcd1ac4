import { env } from '../lib/env';
import { ARTICLES_PER_PAGE } from './constants';
import { articleCount } from './slugs';
import { changedLocales, pagesOf, type Change } from './tags';

/**
 * A shared cache in front of the site (nginx in `npm run start:production`) keeps each page for a
 * second, in whole seconds, and open-source nginx cannot purge: after a publish its copy could be a
 * second or two old. So the instance that receives the webhook asks the cache for every page the
 * change shows on with the refresh token (CACHE_REFRESH_URL, CACHE_REFRESH_TOKEN), and the cache
 * fetches each anew from the site and stores it. Without CACHE_REFRESH_URL, nothing to do.
 */

const CONCURRENCY = 6;

/** Asks the cache in front to fetch and store each page anew; failures are left to its expiry. */
export async function refreshCachedPages(change: Change): Promise<number> {
  const { CACHE_REFRESH_URL: base, CACHE_REFRESH_TOKEN: token } = env();
  if (!base || !token) return 0;
  // Only the changed languages' lists are refreshed page by page (see pagesOf).
  const counts = new Map<string, number>(
    change.model === 'article'
      ? await Promise.all(
          changedLocales(change).map(
            async (locale) => [locale, Math.max(1, Math.ceil(((await articleCount(locale)) ?? 0) / ARTICLES_PER_PAGE))] as const,
          ),
        )
      : [],
  );
  const queue = pagesOf(change, (locale) => counts.get(locale) ?? 1);
  let refreshed = 0;
  const worker = async () => {
    for (let path = queue.shift(); path; path = queue.shift()) {
      try {
        const response = await fetch(`${base}${path}`, {
          headers: { 'X-Cache-Refresh': token, 'Accept-Encoding': 'gzip' },
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        if (response.ok) refreshed++;
      } catch {
        /* the cache's own expiry catches up within two seconds */
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return refreshed;
}
