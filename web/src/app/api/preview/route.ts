import { draftMode } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { previewTarget } from '@/lib/preview-target';
import { PREVIEW_SESSION_COOKIE, PREVIEW_SESSION_SECONDS, previewCookieOptions, signPreviewSession } from '@/lib/preview-session';
import { secretMatches } from '@/lib/secrets';

/**
 * Opened from the CMS's "Open preview": checks the preview secret, switches draft mode on for this
 * browser and shows the page, which then reads drafts. Draft pages are never cached for the public.
 */
export async function GET(request: NextRequest) {
  const { searchParams } = request.nextUrl;
  const secret = process.env.PREVIEW_SECRET;
  if (!secretMatches(searchParams.get('secret'), secret)) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401, headers: { 'Cache-Control': 'no-store' } });
  }
  const target = previewTarget(searchParams.get('path'));
  if (!target) {
    return NextResponse.json(
      { error: 'path must be a page of this site' },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    );
  }

  (await draftMode()).enable();
  const response = new NextResponse(null, { status: 307, headers: { Location: target, 'Cache-Control': 'no-store' } });
  response.cookies.set(PREVIEW_SESSION_COOKIE, signPreviewSession(secret!), previewCookieOptions(PREVIEW_SESSION_SECONDS));
  return response;
}
