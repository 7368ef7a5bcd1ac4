import { NextRequest, NextResponse } from 'next/server';
import createMiddleware from 'next-intl/middleware';
import { ARTICLES_PER_PAGE } from './data/constants';
import { articleCount, lookUpArticleSlug } from './data/slugs';
import { routing } from './i18n/routing';
import { parsePageNumber, paths } from './lib/paths';
import { DRAFT_MODE_COOKIES, PREVIEW_SESSION_COOKIE, isPreviewSession } from './lib/preview-session';

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
 * 404; the locale travels in next-intl's request header. The rewrite stays on the request's own
 * origin (Next proxies a rewrite to any other origin).
 */
function notFound(request: NextRequest, locale: string) {
  const headers = new Headers(request.headers);
  headers.set('X-NEXT-INTL-LOCALE', locale);
  const url = request.nextUrl.clone();
  url.pathname = `/${locale}/404`;
  url.search = '';
  return NextResponse.rewrite(url, { request: { headers } });
}

/**
 * A redirect to a path of this site. Next turns a Location on its own origin (which the request's
 * URL always has: server.mjs drops forwarded headers and absolute-form targets) into a relative one.
 */
function redirect(request: NextRequest, path: string, status: 307 | 308) {
  return NextResponse.redirect(new URL(path, request.url), status);
}

/**
 * Draft mode changes what a page may show only for a browser that opened a preview with the preview
 * secret: without a valid signed session, Next's draft-mode cookies are dropped from the request, so
 * a forged one is the same as none.
 */
function withoutForgedDraftMode(request: NextRequest): { request: NextRequest; preview: boolean } {
  if (!DRAFT_MODE_COOKIES.some((name) => request.cookies.has(name))) return { request, preview: false };
  if (isPreviewSession(request.cookies.get(PREVIEW_SESSION_COOKIE)?.value, process.env.PREVIEW_SECRET)) {
    return { request, preview: true };
  }
  const headers = new Headers(request.headers);
  const kept = (request.headers.get('cookie') ?? '')
    .split(';')
    .filter((pair) => !(DRAFT_MODE_COOKIES as readonly string[]).includes(pair.split('=')[0]!.trim()));
  if (kept.some((pair) => pair.trim())) headers.set('cookie', kept.join(';'));
  else headers.delete('cookie');
  return { request: new NextRequest(request, { headers }), preview: false };
}

/**
 * Where a path names an article by its slug: /{locale}/articles/{slug},
 * /{locale}/share/articles/{slug}[/{asset}] and /{locale}/embed/articles/{slug}.
 */
function articleSlugAt(segments: string[]): { index: number } | null {
  if (segments[1] === 'articles' && segments.length === 3 && segments[2] !== 'page') return { index: 2 };
  if ((segments[1] === 'share' || segments[1] === 'embed') && segments[2] === 'articles' && segments.length >= 4) {
    return { index: 3 };
  }
  return null;
}

export default async function proxy(incoming: NextRequest) {
  const { request, preview } = withoutForgedDraftMode(incoming);
  const { pathname } = request.nextUrl;
  const segments = pathname.split('/').filter(Boolean);
  const first = segments[0] ?? '';
  const locale = locales.includes(first) ? first : routing.defaultLocale;

  if (isMalformed(pathname)) return notFound(request, locale);

  const article = articleSlugAt(segments);
  if (locales.includes(first) && article && !preview) {
    // An article's page, or its share kit, images, PDFs or embed: a slug no article has, in any
    // locale, is a 404; another locale's slug redirects to this locale's, at the same place.
    // An editor's preview may open a slug that is not published yet: the page decides.
    const found = await lookUpArticleSlug(first, decodeURIComponent(segments[article.index]!));
    if (found.kind === 'unknown') return notFound(request, locale);
    if (found.kind === 'redirect') {
      const moved = [...segments];
      moved[article.index] = encodeURIComponent(found.slug);
      return redirect(request, `/${moved.join('/')}`, 307);
    }
  }
  if (locales.includes(first) && segments[1] === 'articles') {
    // /{locale}/articles/page/{n}: not a page number, the first page (it has its own address), or past the last.
    if (segments.length === 4 && segments[2] === 'page') {
      const n = parsePageNumber(segments[3]!);
      if (!n) return notFound(request, locale);
      if (n === 1) return redirect(request, paths.articles(first), 308);
      const needed = (n - 1) * ARTICLES_PER_PAGE + 1;
      const count = await articleCount(first);
      if (count !== undefined && count < needed) return notFound(request, locale);
    }
  }
  const response = intl(request);
  // next-intl redirects an unprefixed path by the reader's Accept-Language: no shared cache may keep it.
  if (response.headers.has('location')) {
    response.headers.set('Cache-Control', 'no-store');
    response.headers.set('Vary', 'Accept-Language');
  }
  return response;
}

export const config = {
  // Everything except API routes, Next internals, /.well-known/ files, the CMS's media (rewritten to the CMS by
  // next.config.ts) and files at the root (/icon.svg, /robots.txt). Paths under a locale are all
  // seen, dots included (a slug may contain one).
  matcher: '/((?!api/|_next/|\\.well-known/|_vercel/|uploads/|[^/]*\\.[^/]*$).*)',
};
