import { localeCodes } from '../lib/locales';

/**
 * Cache tags, named in one place: the getters in ./index.ts put them on their CMS requests, and the
 * revalidation webhook names them to refresh exactly the pages a change shows on.
 *
 * Tags are known before a request is made, so they name what a page asks for: a locale's statement,
 * a locale's article lists, one article page by the slug in its address.
 */
export const tags = {
  /** Every CMS request: what a change the webhook cannot place refreshes. */
  all: 'cms',
  /** The statement in one locale: that locale's home and statement pages. */
  statement: (locale: string) => `statement:${locale}`,
  /** A locale's lists of articles: its article index pages and its home page. */
  articleList: (locale: string) => `articles:${locale}`,
  /** The page at /{locale}/articles/{slug}. */
  article: (locale: string, slug: string) => `article:${locale}:${slug}`,
} as const;

/** A change the CMS reports: which content type, in which locale, and the slugs of the article it touched. */
export type Change =
  | { model: 'statement'; locale?: string | null }
  | {
      model: 'article';
      locale?: string | null;
      /** Every slug the article has or had, in any locale (its sister versions' pages show it). */
      slugs: string[];
    };

/**
 * The tags to revalidate for a change, as narrow as correct. The statement is one document whose
 * pages all show which locales it exists in: every locale's statement pages. An article in one
 * locale: that locale's lists, and the pages of every version of the article (their language
 * switchers and hreflang links name this version), in every locale they can be read in (a slug
 * in the address of another locale shows the "not translated" page or redirects).
 */
export function tagsFor(change: Change): string[] {
  if (change.model === 'statement') return localeCodes.map(tags.statement);
  const lists = change.locale && localeCodes.includes(change.locale) ? [change.locale] : localeCodes;
  const pages = localeCodes.flatMap((locale) => change.slugs.map((slug) => tags.article(locale, slug)));
  return [...new Set([...lists.map(tags.articleList), ...pages])];
}

/** Seconds after which a cached page is refreshed even without a webhook (a safety net). */
export const REVALIDATE_SECONDS = 600;
