import type { NextRequest } from 'next/server';
import { shareImageResponse } from '@/share/image-response';

/** An article's link-preview card (1200×630) in one locale (see share/image-response.ts). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ locale: string; slug: string }> }) {
  return shareImageResponse(request, await params, 'card');
}
