/**
 * Which article slugs exist (in any locale) and how many articles each locale has, kept in memory
 * by the proxy so that it can answer an unknown slug or page number with a server-rendered 404
 * before any page renders (Next 16.3+ sends a page's notFound() as an empty shell that only
 * JavaScript fills in: vercel/next.js#62228). One small CMS request refreshes it, at most every
 * few seconds, and only when a request names something it does not know.
 */
import { print } from 'graphql';
import { ArticleSlugsDocument } from './generated/graphql';

type Index = { loadedAt: number; slugs: Set<string>; counts: Map<string, number> };
type State = { index?: Index; pending?: Promise<Index | null>; lastAttempt: number };

/** A request for an unknown slug refreshes the index at most this often. */
const MIN_REFRESH_MS = 5_000;
/** A known slug refreshes the index in the background when it is older than this. */
const MAX_AGE_MS = 60_000;
const PAGE_SIZE = 100; // the CMS's maxLimit

const key = Symbol.for('publication.articleIndex');
const store = globalThis as unknown as Record<symbol, State | undefined>;
const state: State = (store[key] ??= { lastAttempt: 0 });

const query = print(ArticleSlugsDocument);

async function load(): Promise<Index | null> {
  const cms = (process.env.CMS_URL || 'http://127.0.0.1:1337').replace(/\/+$/, '');
  const timeout = Number(process.env.CMS_TIMEOUT_MS) || 4000;
  const slugs = new Set<string>();
  const counts = new Map<string, number>();
  try {
    for (let page = 1; page <= 50; page++) {
      const response = await fetch(`${cms}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { page, pageSize: PAGE_SIZE } }),
        signal: AbortSignal.timeout(timeout),
        cache: 'no-store',
      });
      if (!response.ok) return null;
      const body = (await response.json()) as { data?: { articles?: ({ locale?: string | null; slug?: string } | null)[] } };
      const batch = body.data?.articles;
      if (!batch) return null;
      for (const article of batch) {
        if (!article?.slug || !article.locale) continue;
        slugs.add(article.slug);
        counts.set(article.locale, (counts.get(article.locale) ?? 0) + 1);
      }
      if (batch.length < PAGE_SIZE) break;
    }
  } catch {
    return null;
  }
  return { loadedAt: Date.now(), slugs, counts };
}

function refresh(): Promise<Index | null> {
  state.lastAttempt = Date.now();
  state.pending ??= load()
    .then((index) => {
      if (index) state.index = index;
      return index;
    })
    .finally(() => {
      state.pending = undefined;
    });
  return state.pending;
}

async function current(known: (index: Index) => boolean): Promise<Index | undefined> {
  const index = state.index;
  if (index && known(index)) {
    if (Date.now() - index.loadedAt > MAX_AGE_MS && Date.now() - state.lastAttempt > MIN_REFRESH_MS) void refresh();
    return index;
  }
  if (!index || Date.now() - state.lastAttempt >= MIN_REFRESH_MS) return (await refresh()) ?? index;
  return index;
}

/** true: an article has this slug in some locale; false: none has; undefined: cannot tell (CMS down). */
export async function articleSlugExists(slug: string): Promise<boolean | undefined> {
  const index = await current((i) => i.slugs.has(slug));
  return index ? index.slugs.has(slug) : undefined;
}

/** The number of published articles in a locale, or undefined when the CMS cannot tell. */
export async function articleCount(locale: string, atLeast: number): Promise<number | undefined> {
  const index = await current((i) => (i.counts.get(locale) ?? 0) >= atLeast);
  return index ? (index.counts.get(locale) ?? 0) : undefined;
}

/** Forget the index (the revalidation webhook calls this after a publish). */
export function invalidateArticleIndex() {
  state.index = undefined;
  state.lastAttempt = 0;
}
