// Next's cache of pages, route answers and data (ISR, fetch with tags, unstable_cache), chosen when a
// site instance starts, not when the site is built: one build serves one instance or several.
// - Without REDIS_URL: Next's own cache (memory and .next on disk), exactly as without this file.
// - With REDIS_URL: @trieb.work/nextjs-turbo-redis-cache, shared by every instance of this build
//   (keys are prefixed with the build id). A tag revalidated on one instance, as the CMS webhook does,
//   deletes the entries it names from Redis and from every instance's short-lived memory of them
//   (pub/sub), so the next request on any instance renders them anew.
// The build itself never connects to Redis (what it prerenders goes to .next, as always).
import FileSystemCacheModule from 'next/dist/server/lib/incremental-cache/file-system-cache.js';

const FileSystemCache = FileSystemCacheModule.default ?? FileSystemCacheModule;
const redisUrl = process.env.REDIS_URL || undefined;
const shared = Boolean(redisUrl) && process.env.NEXT_PHASE !== 'phase-production-build';

if (shared && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
  throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, not ${JSON.stringify(redisUrl)}`);
}

// Imported only when used: without REDIS_URL nothing of the library runs.
const RedisCache = shared ? (await import('@trieb.work/nextjs-turbo-redis-cache')).default : undefined;

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
    if (!shared) return this.cache.get(key, context);
    if (paused()) return Promise.resolve(null);
    return within(this.cache.get(key, context), null, 'reading');
  }

  set(key, data, context) {
    if (!shared) return this.cache.set(key, data, context);
    if (paused()) return Promise.resolve();
    return within(this.cache.set(key, data, context), undefined, 'writing');
  }

  revalidateTag(tags, durations) {
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
