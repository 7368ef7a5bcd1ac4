import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { revalidateChange } from '@/data/revalidation';
import { bearer, secretMatches } from '@/lib/secrets';

/** What Strapi's webhook sends (only what is used is checked; the rest may vary by version). */
const webhook = z.object({
  event: z.enum(['entry.create', 'entry.update', 'entry.delete', 'entry.publish', 'entry.unpublish']),
  model: z.enum(['statement', 'article']),
  entry: z
    .object({
      documentId: z.string().max(64).optional(),
      locale: z.string().max(16).nullish(),
      slug: z.string().max(400).nullish(),
      publishedAt: z.string().max(40).nullish(),
    })
    .passthrough()
    .optional(),
});

const noStore = { 'Cache-Control': 'no-store' };
const answer = (status: number, body: Record<string, unknown>) => NextResponse.json(body, { status, headers: noStore });

/**
 * Called by the CMS after a publish, unpublish, edit or delete: refreshes the pages that show the
 * changed document (see data/tags.ts), so the next request for each renders fresh content.
 */
export async function POST(request: NextRequest) {
  if (!secretMatches(bearer(request.headers.get('authorization')), process.env.REVALIDATE_SECRET)) {
    return answer(401, { error: 'Unauthorized' });
  }

  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return answer(400, { error: 'The body must be JSON' });
  }
  const parsed = webhook.safeParse(body);
  if (!parsed.success) {
    return answer(400, {
      error: 'Not a webhook for a known model',
      issues: parsed.error.issues.map((issue) => issue.path.join('.')),
    });
  }

  // A draft saved changes nothing a reader sees (a published version changes only on publish,
  // unpublish and delete); refreshing for it would re-render every page of the article on each save.
  const { event, entry } = parsed.data;
  if ((event === 'entry.create' || event === 'entry.update') && entry?.publishedAt === null) {
    return answer(200, { revalidated: [], event });
  }

  const revalidated = await revalidateChange(parsed.data);
  return answer(200, { revalidated, event: parsed.data.event });
}
