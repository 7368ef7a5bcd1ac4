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
      /** The slug of the article's version in each locale, where known: the pages readers open. */
      slugOf?: Record<string, string>;
    };

/** The languages a change is in: its own, or every one when the webhook does not say. */
export const changedLocales = (change: Change): string[] =>
  change.locale && localeCodes.includes(change.locale) ? [change.locale] : [...localeCodes];

/**
 * The tags to revalidate for a change, as narrow as correct. The statement is one document whose
 * pages all show which locales it exists in: every locale's statement pages. An article in one
 * locale: that locale's lists, and the pages of every version of the article (their language
 * switchers and hreflang links name this version), in every locale they can be read in (a slug
 * in the address of another locale shows the "not translated" page or redirects).
 */
export function tagsFor(change: Change): string[] {
  if (change.model === 'statement') return localeCodes.map(tags.statement);
  const pages = localeCodes.flatMap((locale) => change.slugs.map((slug) => tags.article(locale, slug)));
  return [...new Set([...changedLocales(change).map(tags.articleList), ...pages])];
}

/**
 * The reader-facing paths a change shows on, in the same terms as tagsFor: what a cache in front of
 * the site must refresh (./cache-refresh.ts). `indexPages` is the number of article index pages of a
 * locale.
 */
export function pagesOf(change: Change, indexPages: (locale: string) => number = () => 1): string[] {
  // The cache in front fetches them in this order: the pages readers of the changed language see
  // first, then the same in the other languages, the kit pages, the rest of the lists, the sitemap.
  const changed = changedLocales(change);
  const byLanguage = [...changed, ...localeCodes.filter((locale) => !changed.includes(locale))];
  const pages = new Set<string>();
  const add = (...list: string[]) => list.forEach((path) => pages.add(path));
  if (change.model === 'statement') {
    const statement = { kind: 'statement' } as const;
    for (const locale of byLanguage) add(paths.statement(locale), paths.home(locale));
    for (const locale of byLanguage) add(paths.share(locale), paths.embed(locale, statement), paths.feed(locale));
  } else {
    // Each version's own page, its index and home, then the other languages' own pages (or, where a
    // language has none, its "not translated" page at the changed version's address): what readers
    // open. Then every other slug in every language (a redirect or a "not translated" page).
    const changedSlug = change.locale ? change.slugOf?.[change.locale] : undefined;
    const own = (locale: string) => change.slugOf?.[locale];
    for (const locale of changed) {
      const slug = own(locale);
      add(...(slug ? [slug] : change.slugs).map((each) => paths.article(locale, each)));
      add(paths.articles(locale), paths.home(locale));
    }
    for (const locale of byLanguage) {
      const slug = own(locale) ?? changedSlug;
      if (slug) add(paths.article(locale, slug));
    }
    for (const locale of changed) add(...change.slugs.map((slug) => paths.article(locale, slug)));
    for (const locale of byLanguage) add(...change.slugs.map((slug) => paths.article(locale, slug)));
    for (const locale of byLanguage) {
      for (const slug of change.slugs)
        add(paths.share(locale, { kind: 'article', slug }), paths.embed(locale, { kind: 'article', slug }));
    }
    for (const locale of changed) {
      for (let page = 2; page <= indexPages(locale); page++) add(paths.articles(locale, page));
      add(paths.feed(locale));
    }
  }
  add(paths.sitemap());
  return [...pages];
}

/** Seconds after which a cached page is refreshed even without a webhook (a safety net). */
export const REVALIDATE_SECONDS = 600;
