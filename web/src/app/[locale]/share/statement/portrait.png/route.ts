import type { NextRequest } from 'next/server';
import { shareImageResponse } from '@/share/image-response';

/** The statement's portrait card (1080×1350) in one locale (see share/image-response.ts). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ locale: string }> }) {
  return shareImageResponse(request, await params, 'portrait');
}
