import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { env } from '@/lib/env';

/** The CMS did not answer in time, or answered with an error. Its message never reaches a reader. */
export class CmsError extends Error {
  override name = 'CmsError';
}

/**
 * Tells the site's server that this request's page fails because the CMS did not answer, so that
 * the reader gets "temporarily unavailable" (503, Retry-After) rather than "error" (500): see
 * web/server/failed-pages.mjs. Outside that server (next start, the build) it does nothing.
 */
export function noteCmsFailure() {
  const requests = (globalThis as Record<symbol, { getStore(): { cmsFailed: boolean } | undefined } | undefined>)[
    Symbol.for('publication.requestState')
  ];
  const state = requests?.getStore();
  if (state) state.cmsFailed = true;
}

/**
 * Every CMS request gives up after CMS_TIMEOUT_MS, so a slow or filtered CMS never hangs a page:
 * the request is aborted, and the answer is not awaited any longer either (Next's cached fetch does
 * not always honour the abort signal). `fetch` is looked up at call time: inside a page it is Next's
 * patched fetch, which caches by tag.
 */
const fetchWithDeadline: typeof fetch = (input, init) => {
  const ms = env().CMS_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(ms);
  const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CmsError(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([fetch(input, { ...init, signal }), deadline]).finally(() => clearTimeout(timer));
};

let client: ApolloClient | undefined;

/**
 * The one GraphQL client of the site (pages, the proxy's slug lookups, the revalidation webhook). It
 * keeps nothing between requests: Next's data cache does the caching, per request and by tag.
 */
export function cmsClient(): ApolloClient {
  client ??= new ApolloClient({
    cache: new InMemoryCache(),
    link: new HttpLink({ uri: `${env().CMS_URL}/graphql`, fetch: fetchWithDeadline }),
    defaultOptions: { query: { fetchPolicy: 'no-cache' } },
    // A preview and a reader asking the same thing at once must not share one answer.
    queryDeduplication: false,
  });
  return client;
}
