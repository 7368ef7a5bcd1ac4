/**
 * Cache tags, named in one place: the getters in ./index.ts put them on their CMS requests, and the
 * revalidation webhook (a later issue) names them to refresh every page that shows a document.
 *
 * Tags are known before a request is made, so they name what a page *asks for*, not document ids
 * found in the answer. One tag per content type covers every page that shows that type, in every
 * locale, which is also what a publish needs: publishing one article changes its own pages, the
 * lists and home pages that show it, and its siblings' language switchers (their slugs and titles).
 * Pages are re-rendered lazily, on their next request.
 */
export const tags = {
  /** Every page that shows the statement (home and statement pages), every locale. */
  statement: 'statement',
  /** The statement pages of one locale. */
  statementIn: (locale: string) => `statement:${locale}`,
  /** Every page that shows an article: article pages, indexes and home pages, every locale. */
  articles: 'articles',
  /** Article pages, indexes and the home page of one locale. */
  articlesIn: (locale: string) => `articles:${locale}`,
} as const;

export type CmsModel = 'statement' | 'article';

/** The tags to revalidate when an entry of `model` is published, changed or deleted. */
export function tagsForEntry(model: CmsModel): string[] {
  return model === 'statement' ? [tags.statement] : [tags.articles];
}

/** Seconds after which a cached page is refreshed even without a webhook (a safety net). */
export const REVALIDATE_SECONDS = 600;
