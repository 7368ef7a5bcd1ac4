/**
 * The PDF route handlers' one piece of logic: the published statement or article in a locale, as a
 * PDF for a paper size. Data comes from the data layer (cached under the pages' tags, so a publish
 * refreshes it); the PDF itself is cached per exact content (a hash of what it shows) under the
 * same tags. A preview (draft mode) is made fresh every time and never stored.
 */
import { createHash } from 'node:crypto';
import { unstable_cache } from 'next/cache';
import { draftMode } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { getTarget, type ReviewState } from '@/data';
import { REVALIDATE_SECONDS, tags } from '@/data/tags';
import { env } from '@/lib/env';
import { formatDate } from '@/lib/format';
import { dirOf, isLocale, languageName, sourceLocale } from '@/lib/locales';
import { paths, type PaperSize, type ShareTarget } from '@/lib/paths';
import { plainText, unlessCmsDown } from '@/lib/responses';
import { renderPdf, pdfFonts } from './pdf';
import { contentDisposition, digitsFor, pdfBlocks, readableUrl, typstPaper, type PdfDocument } from './pdf-document';

type Provenance = {
  translation?: { translator?: string | null; reviewState?: ReviewState | null; reviewedAt?: string | null } | null;
  translationStatus?: { state: string; sourceChangedAt?: string | null } | null;
};

type Content = Provenance & {
  title: string;
  lead?: string | null;
  body?: unknown;
  callToAction?: string | null;
  updatedAt?: string | null;
};

/** The provenance note of a translation in plain text, in the words of the pages' note (components/Provenance.tsx). */
async function provenanceLines(locale: string, { translation, translationStatus }: Provenance): Promise<string[]> {
  if (locale === sourceLocale) return [];
  const t = await getTranslations({ locale, namespace: 'Provenance' });
  const language = languageName(sourceLocale, locale);
  const plain = (chunks: string) => chunks;
  const translator = translation?.translator?.trim();
  const reviewedOn = translation?.reviewState === 'human_reviewed' ? formatDate(translation.reviewedAt, locale) : null;
  const first = [
    t.markup('translatedFrom', { language, link: plain }),
    translator ? t.markup('translatedBy', { translator, name: plain }) : null,
    reviewedOn
      ? t('reviewedOn', { date: reviewedOn })
      : t('reviewState', { state: translation?.reviewState ?? 'machine_assisted' }),
  ];
  const lines = [first.filter(Boolean).join(' ')];
  if (translationStatus?.state === 'outdated') {
    const date = formatDate(translationStatus.sourceChangedAt, locale) ?? '';
    lines.push(t.markup('outdated', { language, date, link: plain }));
  }
  return lines;
}

async function pdfDocument(locale: string, target: ShareTarget, paper: PaperSize, content: Content): Promise<PdfDocument> {
  const siteUrl = env().SITE_URL;
  const url = `${siteUrl}${paths.target(locale, target)}`;
  const [t, meta, provenance] = await Promise.all([
    getTranslations({ locale, namespace: 'Print' }),
    getTranslations({ locale, namespace: 'Metadata' }),
    provenanceLines(locale, content),
  ]);
  return {
    lang: locale,
    dir: dirOf(locale),
    fonts: pdfFonts(locale),
    paper: typstPaper[paper],
    digits: digitsFor(locale),
    title: content.title,
    lead: content.lead || null,
    blocks: pdfBlocks(content.body, siteUrl),
    callToAction: content.callToAction || null,
    provenance,
    url,
    shownUrl: readableUrl(url),
    siteName: meta('siteName'),
    readOnline: t('readOnline'),
    qrAlt: t('qrAlt'),
  };
}

/** What a target's PDF shows in `locale` (a draft in a preview), or null when it has no version there. */
async function contentOf(locale: string, target: ShareTarget): Promise<{ content: Content; tag: string } | null> {
  const found = await getTarget(locale, target);
  if (!found) return null;
  const content = found.kind === 'statement' ? found.statement : { ...found.article, lead: found.article.excerpt };
  return { content, tag: found.tag };
}

const notFound = () => plainText(404, 'Not found');

/** GET of /{locale}/share/…/{paper}.pdf. */
export function pdfResponse(request: Request, locale: string, target: ShareTarget, paper: PaperSize): Promise<Response> {
  return unlessCmsDown(() => pdfAnswer(request, locale, target, paper));
}

async function pdfAnswer(request: Request, locale: string, target: ShareTarget, paper: PaperSize): Promise<Response> {
  if (!isLocale(locale)) return notFound();
  const found = await contentOf(locale, target);
  if (!found) return notFound();
  const { content, tag } = found;

  const doc = await pdfDocument(locale, target, paper, content);
  const date = new Date(content.updatedAt ?? 0);
  const disposition = contentDisposition(content.title, target, locale, paper);

  if ((await draftMode()).isEnabled) {
    const pdf = await renderPdf(locale, doc, date);
    return new Response(new Uint8Array(pdf), {
      headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': disposition, 'Cache-Control': 'private, no-store' },
    });
  }

  const key = createHash('sha256')
    .update(JSON.stringify([doc, date.getTime()]))
    .digest('base64url');
  const cached = unstable_cache(async () => (await renderPdf(locale, doc, date)).toString('base64'), ['pdf', key], {
    tags: [tags.all, tag],
    revalidate: REVALIDATE_SECONDS,
  });
  const pdf = Buffer.from(await cached(), 'base64');
  const etag = `"${key.slice(0, 32)}"`;
  // Stored anywhere, but checked with the site on every use (a 304 when unchanged): a publish shows at once.
  const headers = { 'Cache-Control': 'public, no-cache', ETag: etag };
  if (
    request.headers
      .get('if-none-match')
      ?.split(/\s*,\s*/)
      .includes(etag)
  )
    return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(pdf), {
    headers: { ...headers, 'Content-Type': 'application/pdf', 'Content-Disposition': disposition },
  });
}
