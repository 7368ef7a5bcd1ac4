/**
 * What the proxy needs to know about /{locale}/articles/{slug} and /{locale}/articles/page/{n}
 * before any page renders (Next 16.3+ sends a page's notFound() as an empty shell that only
 * JavaScript fills in: vercel/next.js#62228): whether the slug exists, whether it is another locale's
 * (redirect to this locale's), whether a page is past the last.
 *
 * One small CMS request per slug, whatever the size of the corpus, kept in a bounded cache with a
 * time limit (answers for unknown slugs included, so a flood of made-up slugs costs one request
 * each, at most once a minute) and dropped by the revalidation webhook with the pages.
 *
 * Each site instance keeps its own (a lookup costs no network round trip), and with REDIS_URL every
 * instance drops its answers when any instance gets the webhook (Redis pub/sub): the webhook reaches
 * one instance behind a load balancer, and a minute of 404s for a new article's slug elsewhere is
 * not "expires fast enough". An instance that was cut off from Redis drops its answers when it is
 * back, since it may have missed a message; while Redis is down, answers expire after LOOKUP_TTL_MS.
 */
import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { LRUCache } from 'lru-cache';
import { createClient } from 'redis';
import { isSlug } from '../../../cms/src/api/article/slugs/rules';
import { env } from '../lib/env';
import { cmsClient } from './client';
import { ArticleCountDocument, ArticleSlugDocument, type ArticleSlugQuery } from './generated/graphql';

export const LOOKUP_TTL_MS = 60_000;

type Versions = NonNullable<ArticleSlugQuery['articles'][number]>[];

const noStore = { fetchOptions: { cache: 'no-store' } };

/** Answers kept for LOOKUP_TTL_MS; concurrent requests for one key share one CMS request (LRUCache.fetch). */
function expiringLookup<T extends object>(max: number, load: (key: string) => Promise<T>) {
  return new LRUCache<string, T>({ max, ttl: LOOKUP_TTL_MS, fetchMethod: load });
}

/** One small query whose answer must have data. */
async function ask<TData, TVariables extends OperationVariables>(
  query: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
) {
  const { data } = await cmsClient().query({ query, variables, context: noStore });
  if (!data) throw new Error('empty answer');
  return data;
}

/** The Redis channel on which an instance tells the others to forget their answers. */
const FORGET_CHANNEL = 'publication:article-lookups:forget';

type RedisClient = ReturnType<typeof createClient>;

/**
 * Two connections (a subscribed one can only listen), opened once per process; they reconnect by
 * themselves. Errors are logged once per outage: the lookups work without Redis.
 */
function connectRedis(url: string, forget: () => void) {
  let down = false;
  const onError = (error: Error) => {
    if (!down) console.error(`Slug lookups: Redis unreachable (${error.message}); answers expire after 60 s meanwhile`);
    down = true;
  };
  const publisher: RedisClient = createClient({ url });
  const subscriber: RedisClient = publisher.duplicate();
  publisher.on('error', onError);
  subscriber.on('error', onError);
  subscriber.on('ready', () => {
    down = false;
    forget();
  });
  publisher.connect().catch(onError);
  subscriber
    .connect()
    .then(() => subscriber.subscribe(FORGET_CHANNEL, forget))
    .catch(onError);
  return publisher;
}

function makeCaches() {
  const caches = {
    bySlug: expiringLookup(20_000, async (slug) => ({
      versions: (await ask(ArticleSlugDocument, { slug })).articles.filter((version): version is Versions[number] =>
        Boolean(version),
      ),
    })),
    counts: expiringLookup(100, async (locale) => ({
      total: (await ask(ArticleCountDocument, { locale })).articles_connection?.pageInfo.total ?? 0,
    })),
    forget: () => {
      caches.bySlug.clear();
      caches.counts.clear();
    },
    redis: undefined as RedisClient | undefined,
  };
  const url = env().REDIS_URL;
  if (url) caches.redis = connectRedis(url, caches.forget);
  return caches;
}
type Caches = ReturnType<typeof makeCaches>;

// The proxy and the webhook's route are bundled apart: they share the caches through the process.
const key = Symbol.for('publication.articleLookups');
const caches = ((globalThis as unknown as Record<symbol, Caches>)[key] ??= makeCaches());
const { bySlug, counts } = caches;

export type SlugLookup =
  /** No article has this slug, in any locale. */
  | { kind: 'unknown' }
  /** The slug is another locale's; this locale's version of the same article has `slug`. */
  | { kind: 'redirect'; slug: string }
  /** An article has it (in this locale, or only in others: the page says which exist). */
  | { kind: 'known' }
  /** The CMS cannot tell now: let the page decide. */
  | { kind: 'unsure' };

/** What `/{locale}/articles/{slug}` is. */
export async function lookUpArticleSlug(locale: string, slug: string): Promise<SlugLookup> {
  if (!isSlug(slug)) return { kind: 'unknown' };
  let versions: Versions;
  try {
    versions = (await bySlug.fetch(slug))!.versions;
  } catch {
    return { kind: 'unsure' };
  }
  if (!versions.length) return { kind: 'unknown' };
  if (versions.some((version) => version.locale === locale)) return { kind: 'known' };
  for (const version of versions) {
    const own = version.localizations.find((sister) => sister?.locale === locale);
    if (own?.slug) return { kind: 'redirect', slug: own.slug };
  }
  return { kind: 'known' };
}

/** The number of published articles in a locale, or undefined when the CMS cannot tell. */
export async function articleCount(locale: string): Promise<number | undefined> {
  try {
    return (await counts.fetch(locale))!.total;
  } catch {
    return undefined;
  }
}

/**
 * Forget every answer, in every instance (the revalidation webhook calls this after a change).
 * Resolves once the other instances have been told, or could not be.
 */
export async function forgetArticleLookups() {
  caches.forget();
  if (!caches.redis) return;
  try {
    // Waits for a connection being opened; a message for an unreachable Redis is sent when it is back.
    await Promise.race([caches.redis.publish(FORGET_CHANNEL, ''), rejectAfter(PUBLISH_WAIT_MS)]);
  } catch (error) {
    console.error(`Slug lookups: could not tell the other instances to forget: ${(error as Error).message}`);
  }
}

const PUBLISH_WAIT_MS = 1000;

function rejectAfter(ms: number) {
  return new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref());
}
