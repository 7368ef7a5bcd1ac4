import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { getArticleList } from '@/data';
import { languageName } from '@/lib/locales';
import { everyLocale, pageMetadata } from '@/lib/metadata';
import { paths } from '@/lib/paths';
import { ArticleList } from './ArticleList';
import { PageShell } from './PageShell';
import { Pagination } from './Pagination';

/** One page of the article index (/articles is page 1, /articles/page/2 and on are the rest). */
export async function ArticleIndex({ locale, page }: { locale: string; page: number }) {
  const list = await getArticleList(locale, page);
  if (page > 1 && page > list.pageCount) notFound();
  const t = await getTranslations('ArticleList');
  return (
    <PageShell locale={locale} links={switcherLinks(page)}>
      <h1>{page > 1 ? t('pageTitle', { page }) : t('title')}</h1>
      {list.articles.length ? (
        <ArticleList locale={locale} articles={list.articles} />
      ) : (
        <p>{t('empty', { language: languageName(locale, locale) })}</p>
      )}
      <Pagination locale={locale} page={page} pageCount={list.pageCount} />
    </PageShell>
  );
}

/**
 * The index exists in every locale, but each locale has its own number of pages: from a later page
 * the switcher leads to the other indexes' first page, and only page 1 has hreflang alternates.
 */
function switcherLinks(page: number) {
  return everyLocale((code) => paths.articles(code, page > 1 ? 1 : page));
}

export async function articleIndexMetadata(locale: string, page: number) {
  const t = await getTranslations({ locale, namespace: 'ArticleList' });
  return pageMetadata({
    locale,
    title: page > 1 ? t('pageTitle', { page }) : t('title'),
    description: t('description', { language: languageName(locale, locale) }),
    links: page > 1 ? { [locale]: paths.articles(locale, page) } : everyLocale((code) => paths.articles(code)),
  });
}
