// Next's cache of pages, route answers and data (ISR, fetch with tags, unstable_cache), chosen when a
// site instance starts, not when the site is built: one build serves one instance or several.
// - Without REDIS_URL: Next's own cache (memory and .next on disk), exactly as without this file.
// - With REDIS_URL: @trieb.work/nextjs-turbo-redis-cache, shared by every instance of this build
//   (keys are prefixed with the build id). A tag revalidated on one instance, as the CMS webhook does,
//   deletes the entries it names from Redis and from every instance's short-lived memory of them
//   (pub/sub), so the next request on any instance renders them anew.
// The build itself never connects to Redis (what it prerenders goes to .next, as always).
//
// In both, a render that read the CMS before a revalidation of one of its tags, and ends after it,
// is not stored (see RenderLedger): otherwise what it rendered would pass for fresh until it expires.
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
  ledger: undefined,
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
    cache.revalidateTag(retried, durations).then(
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

/**
 * Longer than any render lasts (its CMS requests give up after CMS_TIMEOUT_MS, at most a minute):
 * how long a render is remembered as started, and a revalidation as done.
 */
const RENDER_WINDOW_MS = 2 * 60_000;

/** The tags an entry is stored under: a fetch's own, a page's or route's from its header. */
const tagsOf = (data, ctx) => [...(ctx?.tags ?? []), ...(data?.headers?.['x-next-cache-tags']?.split(',') ?? [])];

/**
 * When each entry's render began, and when each tag was last revalidated. A render reads the CMS
 * between Next's get() of its entry and its set(); if one of the entry's tags was revalidated after
 * the get(), what it read may predate the change that revalidation announced, and storing it would
 * hide the change (its set() comes after the revalidation dropped the old entry). Such an entry is
 * not stored: the next request renders the page anew.
 *
 * Revalidations are recorded where every instance sees them: in Redis with REDIS_URL (the webhook
 * reaches one instance; renders run on all), in memory otherwise.
 */
class RenderLedger {
  constructor(client) {
    this.client = client;
    this.starts = new LRUCache({ max: 50_000, ttl: RENDER_WINDOW_MS });
    this.revalidated = client ? undefined : new LRUCache({ max: 50_000, ttl: RENDER_WINDOW_MS });
  }

  /**
   * Next asks for the entry: a render may follow. The first ask since the entry was last stored
   * counts, so an entry found in the cache (no render, no store) keeps its ask for the window: if it
   * is revalidated meanwhile, its next render is not stored, and the one after is (one render more).
   */
  asked(key) {
    if (!this.starts.has(key)) this.starts.set(key, Date.now());
  }

  async recordRevalidation(tags) {
    const now = Date.now();
    if (!this.client) return void tags.forEach((tag) => this.revalidated.set(tag, now));
    const writes = this.client.multi();
    for (const tag of tags) writes.set(REVALIDATED_PREFIX + tag, String(now), { PX: RENDER_WINDOW_MS });
    await within(writes.exec(), undefined, 'recording a revalidation');
  }

  /** Whether the entry about to be stored was rendered from what the CMS said before a revalidation of its tags. */
  async predatesRevalidation(key, tags) {
    const started = this.starts.get(key);
    this.starts.delete(key);
    if (started === undefined || tags.length === 0) return false;
    const times = this.client
      ? await within(this.client.mGet(tags.map((tag) => REVALIDATED_PREFIX + tag)), [], 'reading revalidations')
      : tags.map((tag) => this.revalidated.get(tag));
    return times.some((time) => Number(time) > started);
  }
}

const REVALIDATED_PREFIX = 'publication:revalidated:';

/** The ledger's own Redis connection (the library's is not public); it reconnects by itself. */
function ledgerClient() {
  const client = createRedisClient({ url: redisUrl, socket: { connectTimeout: 2000, reconnectStrategy } });
  let down = false;
  client.on('error', (error) => {
    if (!down) console.error(`Shared cache (Redis): the render ledger lost Redis: ${error?.message ?? error}`);
    down = true;
  });
  client.on('ready', () => (down = false));
  client.connect().catch(() => {});
  return client;
}

state.ledger ??= new RenderLedger(shared ? ledgerClient() : undefined);

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

  get(key, context) {
    state.ledger.asked(key);
    if (!shared) return this.cache.get(key, context);
    if (paused()) return Promise.resolve(null);
    return within(this.cache.get(key, context), null, 'reading');
  }

  async set(key, data, context) {
    if (shared && paused()) return;
    if (await state.ledger.predatesRevalidation(key, tagsOf(data, context))) return;
    if (!shared) return this.cache.set(key, data, context);
    return within(this.cache.set(key, data, context), undefined, 'writing');
  }

  async revalidateTag(tags, durations) {
    // Before the entries are dropped, so that a render ending in between is not stored either.
    await state.ledger.recordRevalidation([tags].flat());
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
