import { draftMode } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { plainText } from '@/lib/responses';
import { oembedFor } from '@/share/oembed';

/**
 * oEmbed (https://oembed.com): WordPress and similar platforms embed a page of this site when its
 * link is pasted. Answers only for this site's own statement and article pages.
 */
export async function GET(request: NextRequest) {
  const answer = await oembedFor(request.nextUrl.searchParams);
  if (answer.status !== 200) {
    return plainText(answer.status, answer.error, { 'Cache-Control': 'public, max-age=60' });
  }
  const preview = (await draftMode()).isEnabled;
  return NextResponse.json(answer.body, {
    headers: {
      'Cache-Control': preview ? 'private, no-store' : 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
    },
  });
}
