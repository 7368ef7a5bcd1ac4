import { revalidateTag } from 'next/cache';
import { after } from 'next/server';
import { env } from '../lib/env';
import { refreshCachedPages } from './cache-refresh';
import { cmsClient } from './client';
import { ArticleVersionsDocument } from './generated/graphql';
import { forgetArticleLookups } from './slugs';
import { tags, tagsFor, type Change } from './tags';

/** A change the CMS's webhook reports (only what is used). */
export type CmsChange = {
  model: 'statement' | 'article';
  entry?: { documentId?: string; locale?: string | null; slug?: string | null };
};

/**
 * Every slug an article has (its published versions) or had (the version the webhook names), and
 * each locale's slug now.
 */
async function articleChange(entry: CmsChange['entry']): Promise<Extract<Change, { model: 'article' }>> {
  const slugs = new Set(entry?.slug ? [entry.slug] : []);
  const slugOf: Record<string, string> = {};
  if (entry?.documentId) {
    const { data } = await cmsClient().query({
      query: ArticleVersionsDocument,
      variables: { documentId: entry.documentId },
      context: { fetchOptions: { cache: 'no-store' } },
    });
    if (!data) throw new Error('empty answer');
    for (const version of data.articles) {
      if (!version?.slug) continue;
      slugs.add(version.slug);
      if (version.locale) slugOf[version.locale] = version.slug;
    }
  }
  return { model: 'article', locale: entry?.locale, slugs: [...slugs], slugOf };
}

/**
 * Refreshes the pages a change shows on (see tagsFor) and the proxy's slug answers. Stale-while-
 * revalidate: the next request for a page gets it once more as it was and renders it anew in the
 * background; expiring the pages instead would leave nothing to serve if the CMS went down before
 * they were rendered again. When the CMS cannot say which pages an article is on, every page.
 *
 * Behind a shared cache that the site refreshes (CACHE_REFRESH_URL, see ./cache-refresh.ts), the
 * pages expire at once instead: the cache keeps serving its copy while each is rendered anew, and
 * after the answer the changed pages are fetched through the cache so that it stores the new ones.
 */
export async function revalidateChange({ model, entry }: CmsChange): Promise<string[]> {
  let revalidated: string[];
  let change: Change | undefined;
  try {
    change = model === 'statement' ? { model, locale: entry?.locale } : await articleChange(entry);
    revalidated = tagsFor(change);
  } catch {
    revalidated = [tags.all];
  }
  const refreshed = Boolean(env().CACHE_REFRESH_URL);
  for (const tag of revalidated) revalidateTag(tag, refreshed ? { expire: 0 } : 'max');
  if (model === 'article') await forgetArticleLookups();
  if (refreshed && change) after(() => refreshCachedPages(change));
  return revalidated;
}
