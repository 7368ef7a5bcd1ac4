import { HttpLink } from '@apollo/client';
import { ApolloClient, InMemoryCache, registerApolloClient } from '@apollo/client-integration-nextjs';
import { env } from '@/lib/env';

/**
 * Every CMS request gives up after CMS_TIMEOUT_MS, so a slow or filtered CMS never hangs a page.
 * `fetch` is looked up at call time: inside Next it is the patched fetch that caches by tag.
 */
const fetchWithTimeout: typeof fetch = (input, init) => {
  const timeout = AbortSignal.timeout(env().CMS_TIMEOUT_MS);
  const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  return fetch(input, { ...init, signal });
};

export function makeClient() {
  return new ApolloClient({
    // Next's data cache does the caching; Apollo's normalized cache would only copy it per request.
    cache: new InMemoryCache(),
    link: new HttpLink({ uri: `${env().CMS_URL}/graphql`, fetch: fetchWithTimeout }),
    defaultOptions: { query: { fetchPolicy: 'no-cache' } },
  });
}

/** One client per server request (React Server Components). */
export const { getClient } = registerApolloClient(makeClient);
