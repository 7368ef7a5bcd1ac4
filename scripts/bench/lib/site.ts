import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../lib/repo-dirs';
import { graphqlData } from './http';

export type LocaleInfo = { code: string; name: string; englishName: string; dir: 'ltr' | 'rtl' };

/** The one list of locales (locales/locales.json). */
export function readLocales(): LocaleInfo[] {
  const list = JSON.parse(fs.readFileSync(path.join(ROOT, 'locales/locales.json'), 'utf8')) as { locales: LocaleInfo[] };
  return list.locales;
}

export type PageKind = 'home' | 'statement' | 'article';
export type BenchPage = { kind: PageKind; locale: string; dir: 'ltr' | 'rtl'; path: string; label: string };

/** The site's paths, as web/src/lib/paths.ts builds them. */
export const sitePaths = {
  home: (locale: string) => `/${locale}`,
  statement: (locale: string) => `/${locale}/statement`,
  articles: (locale: string) => `/${locale}/articles`,
  article: (locale: string, slug: string) => `/${locale}/articles/${encodeURIComponent(slug)}`,
};

const FIRST_ARTICLE = /* GraphQL */ `
  query BenchFirstArticle($locale: I18NLocaleCode!) {
    articles(locale: $locale, sort: ["createdAt:asc", "documentId:asc"], pagination: { page: 1, pageSize: 1 }) {
      documentId
      slug
      title
    }
  }
`;

/** The oldest published article in a locale (the same document in every locale, where translated). */
export async function firstArticle(cmsUrl: string, locale: string) {
  const data = await graphqlData<{ articles: ({ documentId: string; slug: string; title: string } | null)[] }>(
    cmsUrl,
    FIRST_ARTICLE,
    { locale },
  );
  return data.articles.find(Boolean) ?? null;
}

/**
 * The pages the benchmarks measure: home, statement and an article page in each locale (the
 * oldest published article, found in the CMS, so the same document is compared across locales).
 */
export async function benchPages(cmsUrl: string, kinds: PageKind[] = ['home', 'statement', 'article']): Promise<BenchPage[]> {
  const pages: BenchPage[] = [];
  for (const { code, dir } of readLocales()) {
    for (const kind of kinds) {
      if (kind === 'article') {
        const article = await firstArticle(cmsUrl, code);
        if (!article) continue;
        pages.push({ kind, locale: code, dir, path: sitePaths.article(code, article.slug), label: `${code} article` });
      } else {
        pages.push({ kind, locale: code, dir, path: sitePaths[kind](code), label: `${code} ${kind}` });
      }
    }
  }
  return pages;
}
