/**
 * Which article slugs exist, in which locale and for which document, and how many articles each
 * locale has, kept in memory by the proxy. With it the proxy answers an unknown slug or page number
 * with a server-rendered 404 before any page renders (Next 16.3+ sends a page's notFound() as an
 * empty shell that only JavaScript fills in: vercel/next.js#62228), and redirects another locale's
 * slug to this locale's (a redirect() from an ISR page sends its Location header twice). One small
 * CMS request refreshes it, at most every few seconds, and only when a request names something it
 * does not know.
 */
import { print } from 'graphql';
import { ArticleSlugsDocument } from './generated/graphql';

type Version = { documentId: string; locale: string; slug: string };
type Index = {
  loadedAt: number;
  /** slug → the versions (document and locale) that have it */
  slugs: Map<string, Version[]>;
  /** documentId → locale → slug */
  documents: Map<string, Map<string, string>>;
  counts: Map<string, number>;
};
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
  const slugs = new Map<string, Version[]>();
  const documents = new Map<string, Map<string, string>>();
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
      const body = (await response.json()) as {
        data?: { articles?: ({ documentId?: string; locale?: string | null; slug?: string } | null)[] };
      };
      const batch = body.data?.articles;
      if (!batch) return null;
      for (const article of batch) {
        if (!article?.slug || !article.locale || !article.documentId) continue;
        const version = { documentId: article.documentId, locale: article.locale, slug: article.slug };
        slugs.set(version.slug, [...(slugs.get(version.slug) ?? []), version]);
        if (!documents.has(version.documentId)) documents.set(version.documentId, new Map());
        documents.get(version.documentId)!.set(version.locale, version.slug);
        counts.set(version.locale, (counts.get(version.locale) ?? 0) + 1);
      }
      if (batch.length < PAGE_SIZE) break;
    }
  } catch {
    return null;
  }
  return { loadedAt: Date.now(), slugs, documents, counts };
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

export type SlugLookup =
  /** No article has this slug, in any locale. */
  | { kind: 'unknown' }
  /** The slug is another locale's; this locale's version of the same article has `slug`. */
  | { kind: 'redirect'; slug: string }
  /** An article has it (in this locale, or only in others: the page says which exist). */
  | { kind: 'known' }
  /** The CMS cannot tell now: let the page decide. */
  | { kind: 'unsure' };

/** What `/{locale}/articles/{slug}` is, as far as the index knows. */
export async function lookUpArticleSlug(locale: string, slug: string): Promise<SlugLookup> {
  const index = await current((i) => i.slugs.has(slug));
  if (!index) return { kind: 'unsure' };
  const versions = index.slugs.get(slug);
  if (!versions) return { kind: 'unknown' };
  if (versions.some((v) => v.locale === locale)) return { kind: 'known' };
  for (const version of versions) {
    const own = index.documents.get(version.documentId)?.get(locale);
    if (own) return { kind: 'redirect', slug: own };
  }
  return { kind: 'known' };
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
