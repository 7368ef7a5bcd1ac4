import type { Metadata } from 'next';
import { ArticleView } from '@/components/ArticleView';
import { MissingTranslation } from '@/components/MissingTranslation';
import { PageShell } from '@/components/PageShell';
import { ShareLinks } from '@/components/ShareLinks';
import { getArticleParams, type Versions } from '@/data';
import { env } from '@/lib/env';
import { sourceLocale } from '@/lib/locales';
import { pageMetadata } from '@/lib/metadata';
import { paths } from '@/lib/paths';
import { articleRoute, titleLocaleOf, versionLinks } from '@/lib/routes';
import { shareTextOf } from '@/share/message';
import { articleImageSource } from '@/share/image-content';

type Props = { params: Promise<{ locale: string; slug: string }> };

export const revalidate = 600;

/** This locale's newest articles (none when the CMS is down): the others render on first request. */
export async function generateStaticParams({ params }: { params: { locale: string } }) {
  return getArticleParams(params.locale);
}

const linksFor = (versions: Versions) => versionLinks(versions, paths.article);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, rawSlug, result } = await articleRoute(params);
  const links = linksFor(result.versions);
  if (result.kind === 'untranslated') {
    return pageMetadata({ locale, title: result.title, links, path: `/${locale}/articles/${rawSlug}`, noindex: true });
  }
  const { article } = result;
  const target = { kind: 'article', slug: article.slug } as const;
  return pageMetadata({
    locale,
    title: article.seo?.metaTitle || article.title,
    description: article.seo?.metaDescription || article.excerpt,
    links,
    type: 'article',
    image: article.seo?.shareImage ?? article.cover,
    share: target,
    card: { target, source: articleImageSource(article) },
    publishedTime: article.publishedAt,
    modifiedTime: article.updatedAt,
  });
}

export default async function ArticlePage({ params }: Props) {
  const { locale, result } = await articleRoute(params);
  const links = linksFor(result.versions);

  if (result.kind === 'untranslated') {
    return (
      <PageShell locale={locale} links={links}>
        <MissingTranslation locale={locale} title={result.title} titleLocale={titleLocaleOf(result)} links={links} />
      </PageShell>
    );
  }

  const { article } = result;
  const target = { kind: 'article', slug: article.slug } as const;
  return (
    <PageShell locale={locale} links={links}>
      <ArticleView locale={locale} article={article} originalHref={links[sourceLocale] ?? null} />
      <ShareLinks locale={locale} target={target} text={shareTextOf(env().SITE_URL, locale, target, article)} />
    </PageShell>
  );
}
