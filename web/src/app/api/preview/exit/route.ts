import { draftMode } from 'next/headers';
import { NextResponse, type NextRequest } from 'next/server';
import { isPreviewPath } from '@/lib/preview';

/** Leaves draft mode and returns to the published page. */
export async function GET(request: NextRequest) {
  (await draftMode()).disable();
  const path = request.nextUrl.searchParams.get('path');
  return new NextResponse(null, {
    status: 307,
    headers: { Location: isPreviewPath(path) ? path : '/', 'Cache-Control': 'no-store' },
  });
}
