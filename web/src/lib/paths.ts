/** Every site path in one place; slugs are percent-encoded (Persian and Arabic slugs included). */
export const paths = {
  home: (locale: string) => `/${locale}`,
  statement: (locale: string) => `/${locale}/statement`,
  articles: (locale: string, page = 1) => (page > 1 ? `/${locale}/articles/page/${page}` : `/${locale}/articles`),
  article: (locale: string, slug: string) => `/${locale}/articles/${encodeURIComponent(slug)}`,
};
