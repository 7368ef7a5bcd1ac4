/** Every site path in one place; slugs are percent-encoded (Persian and Arabic slugs included). */

/** What a reposting asset is about: the statement, or one article by its slug in that locale. */
export type ShareTarget = { kind: 'statement' } | { kind: 'article'; slug: string };

/** The share images: a 1200×630 link-preview card, a 1080×1350 portrait card (Instagram, stories). */
export const SHARE_IMAGES = {
  card: { width: 1200, height: 630 },
  portrait: { width: 1080, height: 1350 },
} as const;
export type ShareImageKind = keyof typeof SHARE_IMAGES;

export const PAPER_SIZES = ['a4', 'letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** The folder of a target's reposting assets: /{locale}/share/statement, /{locale}/share/articles/{slug}. */
const shareBase = (locale: string, target: ShareTarget) =>
  target.kind === 'statement' ? `/${locale}/share/statement` : `/${locale}/share/articles/${encodeURIComponent(target.slug)}`;

export const paths = {
  home: (locale: string) => `/${locale}`,
  statement: (locale: string) => `/${locale}/statement`,
  articles: (locale: string, page = 1) => (page > 1 ? `/${locale}/articles/page/${page}` : `/${locale}/articles`),
  article: (locale: string, slug: string) => `/${locale}/articles/${encodeURIComponent(slug)}`,
  /** The reader's page of a target. */
  target: (locale: string, target: ShareTarget) =>
    target.kind === 'statement' ? paths.statement(locale) : paths.article(locale, target.slug),

  /** The reposting kit: /{locale}/share for the statement, /{locale}/share/articles/{slug} for an article. */
  share: (locale: string, target: ShareTarget = { kind: 'statement' }) =>
    target.kind === 'statement' ? `/${locale}/share` : shareBase(locale, target),
  /** A share image; `version` names the published version it shows, so the URL changes with it. */
  shareImage: (locale: string, target: ShareTarget, kind: ShareImageKind, version?: string) =>
    `${shareBase(locale, target)}/${kind}.png${version ? `?v=${encodeURIComponent(version)}` : ''}`,
  /** A printable PDF of a target, per paper size. */
  pdf: (locale: string, target: ShareTarget, paper: PaperSize) => `${shareBase(locale, target)}/${paper}.pdf`,

  /** Framable copies for other sites: /{locale}/embed/statement, /{locale}/embed/articles/{slug}. */
  embed: (locale: string, target: ShareTarget) =>
    target.kind === 'statement' ? `/${locale}/embed/statement` : `/${locale}/embed/articles/${encodeURIComponent(target.slug)}`,
  /** The oEmbed endpoint (answers only for this site's own URLs). */
  oembed: (pageUrl: string) => `/api/oembed?format=json&url=${encodeURIComponent(pageUrl)}`,

  feed: (locale: string) => `/${locale}/feed.xml`,
  sitemap: () => '/sitemap.xml',

  /** The public key (PEM) that signs mirror bundles' manifests (npm run mirror). */
  mirrorKey: () => '/.well-known/statement-1988-mirror-key.pem',
};

/**
 * The locale and target of a reader's page or embed path (`/{locale}/statement`,
 * `/{locale}/articles/{slug}`, `/{locale}/embed/...`), or null for any other path. The inverse of
 * paths.target and paths.embed; the locale is not checked here.
 */
export function targetOfPath(pathname: string): { locale: string; target: ShareTarget } | null {
  const segments = pathname.replace(/\/+$/, '').split('/').slice(1);
  const [locale, ...rest] = segments;
  if (!locale) return null;
  const page = rest[0] === 'embed' ? rest.slice(1) : rest;
  if (page.length === 1 && page[0] === 'statement') return { locale, target: { kind: 'statement' } };
  if (page.length === 2 && page[0] === 'articles' && page[1] !== 'page') {
    try {
      return { locale, target: { kind: 'article', slug: decodeURIComponent(page[1]!) } };
    } catch {
      return null;
    }
  }
  return null;
}

/** A page number of the article index, as the site writes it: no zero, no sign, no leading zero. */
export function parsePageNumber(value: string): number | null {
  return /^[1-9][0-9]{0,5}$/.test(value) ? Number(value) : null;
}
