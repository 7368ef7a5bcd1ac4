/** Every site path in one place; slugs are percent-encoded (Persian and Arabic slugs included). */
export const paths = {
  home: (locale: string) => `/${locale}`,
  statement: (locale: string) => `/${locale}/statement`,
  articles: (locale: string, page = 1) => (page > 1 ? `/${locale}/articles/page/${page}` : `/${locale}/articles`),
  article: (locale: string, slug: string) => `/${locale}/articles/${encodeURIComponent(slug)}`,
};

/** A page number of the article index, as the site writes it: no zero, no sign, no leading zero. */
export function parsePageNumber(value: string): number | null {
  return /^[1-9][0-9]{0,5}$/.test(value) ? Number(value) : null;
}
