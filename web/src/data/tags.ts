import { localeCodes } from '../lib/locales';
import { paths } from '../lib/paths';

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

/**
 * The reader-facing paths a change shows on, in the same terms as tagsFor: what a cache in front of
 * the site must refresh (./cache-refresh.ts). `indexPages` is the number of article index pages of a
 * locale.
 */
export function pagesOf(change: Change, indexPages: (locale: string) => number = () => 1): string[] {
  // Readers' pages of the changed document first, the lists after, the sitemap last: the cache in
  // front fetches them in this order.
  const pages = new Set<string>();
  if (change.model === 'statement') {
    const statement = { kind: 'statement' } as const;
    for (const locale of localeCodes) [paths.statement(locale), paths.home(locale)].forEach((path) => pages.add(path));
    for (const locale of localeCodes)
      [paths.share(locale), paths.embed(locale, statement), paths.feed(locale)].forEach((path) => pages.add(path));
  } else {
    const lists = change.locale && localeCodes.includes(change.locale) ? [change.locale] : localeCodes;
    for (const slug of change.slugs) for (const locale of localeCodes) pages.add(paths.article(locale, slug));
    for (const locale of lists) {
      pages.add(paths.articles(locale));
      pages.add(paths.home(locale));
    }
    for (const slug of change.slugs) {
      const target = { kind: 'article', slug } as const;
      for (const locale of localeCodes)
        [paths.share(locale, target), paths.embed(locale, target)].forEach((path) => pages.add(path));
    }
    for (const locale of lists) {
      for (let page = 2; page <= indexPages(locale); page++) pages.add(paths.articles(locale, page));
      pages.add(paths.feed(locale));
    }
  }
  pages.add(paths.sitemap());
  return [...pages];
}

/** Seconds after which a cached page is refreshed even without a webhook (a safety net). */
export const REVALIDATE_SECONDS = 600;
