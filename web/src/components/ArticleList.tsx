import { getTranslations } from 'next-intl/server';
import type { ArticleSummary } from '@/data';
import { formatDate } from '@/lib/format';
import { paths } from '@/lib/paths';
import { Arrow } from './Arrow';

export async function ArticleList({
  locale,
  articles,
  headingLevel = 2,
}: {
  locale: string;
  articles: ArticleSummary[];
  headingLevel?: 2 | 3;
}) {
  const t = await getTranslations('ArticleList');
  const Heading = `h${headingLevel}` as 'h2';
  return (
    <ul className="article-list">
      {articles.map((article) => {
        const date = formatDate(article.publishedAt, locale);
        const href = paths.article(locale, article.slug);
        return (
          <li key={article.documentId}>
            <article>
              <Heading className="article-title">
                <a href={href}>{article.title}</a>
              </Heading>
              {date ? (
                <p className="meta">
                  <time dateTime={article.publishedAt ?? undefined}>{date}</time>
                </p>
              ) : null}
              {article.excerpt ? <p>{article.excerpt}</p> : null}
              <p className="more">
                <a href={href} aria-hidden="true" tabIndex={-1}>
                  {t('readMore')} <Arrow to="forward" />
                </a>
              </p>
            </article>
          </li>
        );
      })}
    </ul>
  );
}
