import { unstable_cache } from 'next/cache';
import { draftMode } from 'next/headers';
import type { NextRequest } from 'next/server';
import { getTarget } from '@/data';
import { tags } from '@/data/tags';
import { decodeSlug } from '@/i18n/segments';
import { isLocale } from '@/lib/locales';
import type { ShareImageKind, ShareTarget } from '@/lib/paths';
import { plainText, unlessCmsDown } from '@/lib/responses';
import { renderShareImage } from './image';
import {
  articleImageSource,
  shareImageContent,
  shareImageVersion,
  statementImageSource,
  type ShareImageContent,
} from './image-content';

/** The URL names this exact image (?v= is its version): it never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** No version, or another one (an old link, or a publish this server has not read yet): soon asked again. */
const SHORT = 'public, max-age=300';

/** What a target's image shows in `locale`, or null when it has no version in that locale. */
async function imageSource(locale: string, target: ShareTarget) {
  const found = await getTarget(locale, target);
  if (!found) return null;
  const source = found.kind === 'statement' ? statementImageSource(found.statement) : articleImageSource(found.article);
  return { source, target: found.target, tag: found.tag };
}

const inFlight = new Map<string, Promise<string>>();

/**
 * The PNG bytes of one version, drawn once and kept in Next's data cache under the tags of the page
 * it shows (a publish marks them stale with the page). The version is in the key, so a new text is
 * never answered with the old image. Base64, because the cache stores JSON.
 */
function cachedImage(kind: ShareImageKind, content: ShareImageContent, version: string, pageTag: string) {
  const keyParts = ['share-image', content.locale, pageTag, kind, version];
  const key = keyParts.join('\n');
  return unstable_cache(
    () => {
      // The apps a link is pasted into fetch its preview at once: one drawing for all of them.
      let drawing = inFlight.get(key);
      if (!drawing) {
        drawing = renderShareImage(kind, content)
          .then((png) => png.toString('base64'))
          .finally(() => inFlight.delete(key));
        inFlight.set(key, drawing);
      }
      return drawing;
    },
    keyParts,
    { tags: [tags.all, pageTag] },
  )();
}

/**
 * GET of a share image: 404 unless the target is published in this locale (never an image in
 * another language); long-cached only under the URL of its current version. An editor's preview
 * draws the draft, kept by no cache.
 */
export function shareImageResponse(
  request: NextRequest,
  params: { locale: string; slug?: string },
  kind: ShareImageKind,
): Promise<Response> {
  return unlessCmsDown(() => imageResponse(request, params, kind));
}

async function imageResponse(
  request: NextRequest,
  params: { locale: string; slug?: string },
  kind: ShareImageKind,
): Promise<Response> {
  const { locale } = params;
  const slug = params.slug === undefined ? undefined : decodeSlug(params.slug);
  if (!isLocale(locale) || slug === null) return plainText(404, 'Not found', { 'Cache-Control': SHORT });
  const preview = (await draftMode()).isEnabled;

  const found = await imageSource(locale, slug === undefined ? { kind: 'statement' } : { kind: 'article', slug });
  if (!found) return plainText(404, 'Not found', { 'Cache-Control': preview ? 'private, no-store' : SHORT });

  const content = await shareImageContent(locale, found.target, found.source);
  const version = shareImageVersion(content);
  const pageTag = found.tag;
  const png = preview
    ? await renderShareImage(kind, content)
    : Buffer.from(await cachedImage(kind, content, version, pageTag), 'base64');

  const cacheControl = preview ? 'private, no-store' : request.nextUrl.searchParams.get('v') === version ? IMMUTABLE : SHORT;
  return new Response(new Uint8Array(png), {
    headers: {
      'Content-Type': 'image/png',
      'Content-Length': String(png.length),
      'Cache-Control': cacheControl,
      ETag: `"${version}-${kind}"`,
    },
  });
}
