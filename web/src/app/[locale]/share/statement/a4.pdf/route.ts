import { pdfResponse } from '@/share/pdf-route';

// Made per request from the tag-cached data and PDF (see share/pdf-route.ts); draft mode is read per request.
export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ locale: string }> }) {
  return pdfResponse(request, (await params).locale, { kind: 'statement' }, 'a4');
}
