import { decodeSlug } from '@/i18n/segments';
import { pdfResponse } from '@/share/pdf-route';

// Made per request from the tag-cached data and PDF (see share/pdf-route.ts); draft mode is read per request.
export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ locale: string; slug: string }> }) {
  const { locale, slug } = await params;
  return pdfResponse(request, locale, { kind: 'article', slug: decodeSlug(slug) ?? '' }, 'a4');
}
