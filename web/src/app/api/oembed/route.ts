import { draftMode } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { plainText, unlessCmsDown } from '@/lib/responses';
import { oembedFor } from '@/share/oembed';

/**
 * oEmbed (https://oembed.com): WordPress and similar platforms embed a page of this site when its
 * link is pasted. Answers only for this site's own statement and article pages.
 */
export function GET(request: NextRequest) {
  return unlessCmsDown(() => oembed(request));
}

async function oembed(request: NextRequest): Promise<Response> {
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
