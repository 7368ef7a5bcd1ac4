import { draftMode } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { previewTarget } from '@/lib/preview-target';
import { PREVIEW_SESSION_COOKIE, previewCookieOptions } from '@/lib/preview-session';

/** Leaves draft mode and returns to the published page. */
export async function GET(request: NextRequest) {
  (await draftMode()).disable();
  const target = previewTarget(request.nextUrl.searchParams.get('path'));
  const response = new NextResponse(null, { status: 307, headers: { Location: target ?? '/', 'Cache-Control': 'no-store' } });
  response.cookies.set(PREVIEW_SESSION_COOKIE, '', { ...previewCookieOptions(), expires: new Date(0) });
  return response;
}
