import { NextResponse, type NextRequest } from 'next/server';
import createMiddleware from 'next-intl/middleware';
import { ARTICLES_PER_PAGE } from './data/constants';
import { articleCount, lookUpArticleSlug } from './data/article-index';
import { routing } from './i18n/routing';

const intl = createMiddleware(routing);
const encoder = new TextEncoder();
const locales: readonly string[] = routing.locales;

/** Longest path segment (in UTF-8 bytes, decoded) a page can have: slugs are far shorter. */
export const MAX_SEGMENT_BYTES = 200;

/** Whether a path has a segment that is not valid percent-encoding, or is absurdly long. */
function isMalformed(pathname: string): boolean {
  if (pathname.length > 4096) return true;
  for (const segment of pathname.split('/')) {
    try {
      if (encoder.encode(decodeURIComponent(segment)).length > MAX_SEGMENT_BYTES) return true;
    } catch {
      return true;
    }
  }
  return false;
}

/**
 * The localized 404: a path no route matches renders app/not-found.tsx on the server, with status
 * 404; the locale travels in next-intl's request header.
 */
function notFound(request: NextRequest, locale: string) {
  const headers = new Headers(request.headers);
  headers.set('X-NEXT-INTL-LOCALE', locale);
  return NextResponse.rewrite(new URL(`/${locale}/404`, request.url), { request: { headers } });
}

export default async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const segments = pathname.split('/').filter(Boolean);
  const first = segments[0] ?? '';
  const locale = locales.includes(first) ? first : routing.defaultLocale;

  if (isMalformed(pathname)) return notFound(request, locale);

  // An editor's preview (draft mode) may open a slug that is not published yet: let the page decide.
  const preview = request.cookies.has('__prerender_bypass');
  if (locales.includes(first) && segments[1] === 'articles' && !preview) {
    // /{locale}/articles/{slug}: a slug no article has, in any locale, or another locale's slug.
    if (segments.length === 3 && segments[2] !== 'page') {
      const found = await lookUpArticleSlug(first, decodeURIComponent(segments[2]!));
      if (found.kind === 'unknown') return notFound(request, locale);
      if (found.kind === 'redirect') {
        return NextResponse.redirect(new URL(`/${first}/articles/${encodeURIComponent(found.slug)}`, request.url), 307);
      }
    }
    // /{locale}/articles/page/{n}: past the last page.
    if (segments.length === 4 && segments[2] === 'page' && /^[1-9][0-9]{0,5}$/.test(segments[3]!)) {
      const page = Number(segments[3]);
      const needed = (page - 1) * ARTICLES_PER_PAGE + 1;
      const count = await articleCount(first, needed);
      if (count !== undefined && count < needed) return notFound(request, locale);
    }
  }
  return intl(request);
}

export const config = {
  // Everything except API routes, Next internals and files at the root (/icon.svg, /robots.txt).
  // Paths under a locale are all seen, dots included (a slug may contain one).
  matcher: '/((?!api/|_next/|_vercel/|[^/]*\\.[^/]*$).*)',
};
