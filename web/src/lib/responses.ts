import { CmsError } from '@/data/client';

/** A short plain-text answer of a route handler (its errors): the status says it, never a stack trace. */
export function plainText(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

/**
 * A file's answer (an image, a PDF, a feed, oEmbed JSON) or, when the CMS did not answer and nothing
 * was cached, a 503 that says when to try again. Pages get the same from web/server/failed-pages.mjs,
 * which leaves files alone.
 */
export async function unlessCmsDown(answer: () => Promise<Response>): Promise<Response> {
  try {
    return await answer();
  } catch (error) {
    if (error instanceof CmsError) return plainText(503, 'Temporarily unavailable', { 'Retry-After': '30' });
    throw error;
  }
}
