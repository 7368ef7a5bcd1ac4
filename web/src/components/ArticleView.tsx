import { getTranslations } from 'next-intl/server';
import type { Article } from '@/data';
import { formatDate } from '@/lib/format';
import { mediaSrc } from '@/lib/media';
import { Blocks } from './blocks/Blocks';
import { Provenance } from './Provenance';

/** An article as published, after its translation note (Provenance: nothing for the source locale). */
export async function ArticleView({
  locale,
  article,
  originalHref,
}: {
  locale: string;
  article: Article;
  /** The source-locale version's address, for the translation note's link. */
  originalHref: string | null;
}) {
  const t = await getTranslations('ArticlePage');
  const date = formatDate(article.publishedAt, locale);
  const cover = article.cover ? mediaSrc(article.cover.url) : null;
  return (
    <>
      <Provenance
        locale={locale}
        translation={article.translation}
        status={article.translationStatus}
        originalHref={originalHref}
      />
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
    </>
  );
}
