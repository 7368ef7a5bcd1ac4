/**
 * A short plain-text answer of a route handler (its 4xx): the status says it, never a stack trace.
 * A CMS that does not answer needs nothing here: the handler throws, and web/server/failed-pages.mjs
 * turns any 5xx into its 503 with Retry-After (500 for a bug).
 */
export function plainText(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}
