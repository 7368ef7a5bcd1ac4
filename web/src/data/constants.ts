/** Articles per page of the article index. */
export const ARTICLES_PER_PAGE = 10;

/** How many of a locale's newest articles its feed carries, in full. */
export const FEED_ARTICLES = 20;

/** Articles per CMS request when the sitemap lists them all: the CMS's largest page (GRAPHQL_LIMITS.maxLimit). */
export const SITEMAP_PAGE_SIZE = 100;
