import { getTranslations } from 'next-intl/server';
import type { Article } from '@/data';
import { formatDate } from '@/lib/format';
import { mediaSrc } from '@/lib/media';
import { Blocks } from './blocks/Blocks';

export async function ArticleView({ locale, article }: { locale: string; article: Article }) {
  const t = await getTranslations('ArticlePage');
  const date = formatDate(article.publishedAt, locale);
  const cover = article.cover ? mediaSrc(article.cover.url) : null;
  return (
    <article className="article">
      <h1>{article.title}</h1>
      {date ? (
        <p className="meta">
          {t.rich('published', { date, time: (chunks) => <time dateTime={article.publishedAt ?? undefined}>{chunks}</time> })}
        </p>
      ) : null}
      {cover ? (
        <img
          className="cover"
          src={cover}
          alt={article.cover?.alternativeText ?? ''}
          width={article.cover?.width ?? undefined}
          height={article.cover?.height ?? undefined}
          decoding="async"
        />
      ) : null}
      {article.excerpt ? <p className="lead">{article.excerpt}</p> : null}
      <div className="prose">
        <Blocks content={article.body} />
      </div>
    </article>
  );
}
