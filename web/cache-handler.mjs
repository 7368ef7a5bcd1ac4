// Next's cache of pages, route answers and data (ISR, fetch with tags, unstable_cache), chosen when a
// site instance starts, not when the site is built: one build serves one instance or several.
// - Without REDIS_URL: Next's own cache (memory and .next on disk), exactly as without this file.
// - With REDIS_URL: @trieb.work/nextjs-turbo-redis-cache, shared by every instance of this build
//   (keys are prefixed with the build id). A tag revalidated on one instance, as the CMS webhook does,
//   deletes the entries it names from Redis and from every instance's short-lived memory of them
//   (pub/sub), so the next request on any instance renders them anew.
// The build itself never connects to Redis (what it prerenders goes to .next, as always).
//
// In both, what a request rendered is not stored if one of its tags was revalidated after the request
// began (see Revalidations): otherwise what it made of the CMS's answers from before the change would
// pass for fresh until it expires. With Redis, an entry stored before a revalidation of one of its
// tags is not served either, even if the library's delete missed it.
import { LRUCache } from 'lru-cache';
import FileSystemCacheModule from 'next/dist/server/lib/incremental-cache/file-system-cache.js';

const FileSystemCache = FileSystemCacheModule.default ?? FileSystemCacheModule;
const redisUrl = process.env.REDIS_URL || undefined;
const shared = Boolean(redisUrl) && process.env.NEXT_PHASE !== 'phase-production-build';

if (shared && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
  throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, not ${JSON.stringify(redisUrl)}`);
}

// Imported only when used: without REDIS_URL nothing of the library runs.
const RedisCache = shared ? (await import('@trieb.work/nextjs-turbo-redis-cache')).default : undefined;
const createRedisClient = shared ? (await import('redis')).createClient : undefined;

/**
 * Longest a reader waits on Redis. The library gives up on a read after 500 ms once connected, but
 * while it has never reached Redis (an instance started while Redis is down) it waits up to 30 s
 * before each read. After a wait that long, pages render as if nothing were cached, without asking
 * Redis, for REDIS_PAUSE_MS.
 */
const REDIS_WAIT_MS = 1000;
const REDIS_PAUSE_MS = 5000;

// Next imports this file more than once in a process: one Redis handler (and its connections) for all.
const state = (globalThis[Symbol.for('publication.sharedCache')] ??= {
  redis: undefined,
  pausedUntil: 0,
  pendingTags: new Set(),
  retryTimer: undefined,
  revalidations: undefined,
});

function within(promise, fallback, what) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => {
      state.pausedUntil = Date.now() + REDIS_PAUSE_MS;
      resolve(fallback);
    }, REDIS_WAIT_MS);
  });
  const settled = promise.catch((error) => {
    console.error(`Shared cache (Redis): ${what} failed: ${error?.message ?? error}`);
    return fallback;
  });
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}

const paused = () => Date.now() < state.pausedUntil;

/** Reconnecting to a Redis that is down: soon at first, then every 10 s (each attempt is logged). */
const reconnectStrategy = (retries) => Math.min(200 * 2 ** retries, 10_000);

function retryLater(cache, tags, durations) {
  for (const tag of tags) state.pendingTags.add(tag);
  state.retryTimer ??= setInterval(() => {
    const retried = [...state.pendingTags];
    // Recorded again: the time of a revalidation made while Redis was down may not have reached it.
    state.revalidations
      .record(retried)
      .then(() => cache.revalidateTag(retried, durations))
      .then(
        () => {
          for (const tag of retried) state.pendingTags.delete(tag);
          if (state.pendingTags.size > 0) return;
          clearInterval(state.retryTimer);
          state.retryTimer = undefined;
        },
        () => {},
      );
  }, 5000).unref();
}

/** How long a revalidation is remembered in memory: longer than any render lasts. */
const RENDER_WINDOW_MS = 2 * 60_000;

/**
 * How long Redis remembers a revalidation: longer than an entry passes for fresh (the pages'
 * revalidate, REVALIDATE_SECONDS, is ten minutes); after that Next renders it anew anyway.
 */
const REVALIDATION_MEMORY_MS = 24 * 60 * 60_000;

/** The tags an entry is stored under: a fetch's own, a page's or route's from its header. */
const tagsOf = (data, ctx) => [...(ctx?.tags ?? []), ...(data?.headers?.['x-next-cache-tags']?.split(',') ?? [])];

/** When the request being served began (web/server/failed-pages.mjs), or undefined outside one (a build). */
const requestStartedAt = () => globalThis[Symbol.for('publication.requestState')]?.getStore()?.startedAt;

/**
 * When each tag was last revalidated. A request reads the CMS after it began; if one of the tags of
 * what it rendered was revalidated after that, what it read may predate the change that revalidation
 * announced, and storing it would hide the change (it is stored after the revalidation dropped the
 * old entry). Such an entry is not stored: the next request renders it anew. A request that joins a
 * render another request began (Next renders a page once for concurrent requests) stores it, or not,
 * by the first request's time.
 *
 * Revalidations are recorded where every instance sees them: in Redis with REDIS_URL (the webhook
 * reaches one instance; renders run on all), in memory otherwise.
 *
 * With Redis they also vouch for what is read: the library deletes only the entries its own record
 * of tags lists, and that record misses some (another build's, under its own prefix during a deploy;
 * and, by its code, an entry an instance stores while another instance's delete is on its way). Such
 * an entry would pass for fresh after the revalidation; an entry stored before a revalidation of one
 * of its tags is read as missing instead. Next does the same in memory for one instance.
 */
class Revalidations {
  constructor(client) {
    this.client = client;
    this.times = client ? undefined : new LRUCache({ max: 50_000, ttl: RENDER_WINDOW_MS });
  }

  async record(tags) {
    const now = Date.now();
    if (!this.client) return void tags.forEach((tag) => this.times.set(tag, now));
    const writes = this.client.multi();
    for (const tag of tags) writes.set(REVALIDATED_PREFIX + tag, String(now), { PX: REVALIDATION_MEMORY_MS });
    await within(writes.exec(), undefined, 'recording a revalidation');
  }

  /** Whether one of the tags was revalidated after `since` (a time in ms). */
  async after(tags, since) {
    if (!tags.length) return false;
    const times = this.client
      ? await within(this.client.mGet(tags.map((tag) => REVALIDATED_PREFIX + tag)), [], 'reading revalidations')
      : tags.map((tag) => this.times.get(tag));
    return times.some((time) => Number(time) > since);
  }
}

const REVALIDATED_PREFIX = 'publication:revalidated:';

/** A Redis connection of its own for the revalidation times (the library's is not public); it reconnects by itself. */
function revalidationsClient() {
  const client = createRedisClient({ url: redisUrl, socket: { connectTimeout: 2000, reconnectStrategy } });
  let down = false;
  client.on('error', (error) => {
    if (!down) console.error(`Shared cache (Redis): revalidation times unreachable: ${error?.message ?? error}`);
    down = true;
  });
  client.on('ready', () => (down = false));
  client.connect().catch(() => {});
  return client;
}

state.revalidations ??= new Revalidations(shared ? revalidationsClient() : undefined);

export default class SiteCacheHandler {
  constructor(context) {
    this.cache = shared
      ? (state.redis ??= new RedisCache({
          ...context,
          redisUrl,
          database: 0,
          socketOptions: { connectTimeout: 2000, reconnectStrategy },
        }))
      : new FileSystemCache(context);
  }

  async get(key, context) {
    if (!shared) return this.cache.get(key, context);
    if (paused()) return null;
    const entry = await within(this.cache.get(key, context), null, 'reading');
    if (entry && (await state.revalidations.after(entry.tags ?? [], entry.lastModified ?? 0))) return null;
    return entry;
  }

  async set(key, data, context) {
    if (shared && paused()) return;
    const began = requestStartedAt();
    if (began !== undefined && (await state.revalidations.after(tagsOf(data, context), began))) return;
    if (!shared) return this.cache.set(key, data, context);
    return within(this.cache.set(key, data, context), undefined, 'writing');
  }

  async revalidateTag(tags, durations) {
    // Before the entries are dropped, so that a render ending in between is not stored either.
    await state.revalidations.record([tags].flat());
    if (!shared) return this.cache.revalidateTag(tags, durations);
    return this.cache.revalidateTag(tags, durations).catch((error) => {
      // Redis is down: pages render anew meanwhile (nothing is read from it), but the entries these
      // tags name would come back with it. The webhook still succeeds; the tags are retried.
      console.error(`Shared cache (Redis): revalidating failed, retrying every 5 s: ${error?.message ?? error}`);
      retryLater(this.cache, [tags].flat(), durations);
    });
  }

  resetRequestCache() {
    return this.cache.resetRequestCache?.();
  }
}
