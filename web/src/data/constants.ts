/** Articles per page of the article index. */
export const ARTICLES_PER_PAGE = 10;
