import { draftMode } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { isPreviewPath } from '@/lib/preview';
import { secretMatches } from '@/lib/secrets';

/**
 * Opened from the CMS's "Open preview": checks the preview secret, switches draft mode on for this
 * browser and shows the page, which then reads drafts. Draft pages are never cached for the public.
 */
export async function GET(request: NextRequest) {
  const { searchParams } = request.nextUrl;
  if (!secretMatches(searchParams.get('secret'), process.env.PREVIEW_SECRET)) {
    return NextResponse.json({ error: 'Unauthorized' }, { status: 401, headers: { 'Cache-Control': 'no-store' } });
  }
  const path = searchParams.get('path');
  if (!isPreviewPath(path)) {
    return NextResponse.json({ error: 'path must be a page of this site' }, { status: 400, headers: { 'Cache-Control': 'no-store' } });
  }

  (await draftMode()).enable();
  return new NextResponse(null, { status: 307, headers: { Location: path, 'Cache-Control': 'no-store' } });
}
