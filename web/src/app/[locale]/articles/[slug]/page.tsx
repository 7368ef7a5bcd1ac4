import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleView } from '@/components/ArticleView';
import { MissingTranslation } from '@/components/MissingTranslation';
import { PageShell } from '@/components/PageShell';
import { Provenance } from '@/components/Provenance';
import { ShareLinks } from '@/components/ShareLinks';
import { getArticle, getArticleParams, type Versions } from '@/data';
import { decodeSlug, localeParam } from '@/i18n/segments';
import { env } from '@/lib/env';
import { localeCodes, sourceLocale } from '@/lib/locales';
import { pageMetadata } from '@/lib/metadata';
import { paths } from '@/lib/paths';
import { articleImageSource } from '@/share/image-content';

type Props = { params: Promise<{ locale: string; slug: string }> };

export const revalidate = 600;

/** This locale's newest articles (none when the CMS is down): the others render on first request. */
export async function generateStaticParams({ params }: { params: { locale: string } }) {
  return getArticleParams(params.locale);
}

function linksFor(versions: Versions) {
  return Object.fromEntries(
    localeCodes.map((code) => {
      const slug = versions[code]?.slug;
      return [code, slug ? paths.article(code, slug) : null];
    }),
  );
}

async function lookup(params: Props['params']) {
  const { locale: raw, slug: rawSlug } = await params;
  const locale = localeParam(raw);
  const slug = decodeSlug(rawSlug);
  if (!slug) notFound();
  const result = await getArticle(locale, slug);
  if (result.kind === 'not-found') notFound();
  return { locale, result };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, result } = await lookup(params);
  const links = linksFor(result.versions);
  if (result.kind === 'untranslated') {
    const { slug } = await params;
    return pageMetadata({ locale, title: result.title, links, path: `/${locale}/articles/${slug}`, noindex: true });
  }
  const { article } = result;
  return pageMetadata({
    locale,
    title: article.seo?.metaTitle || article.title,
    description: article.seo?.metaDescription || article.excerpt,
    links,
    type: 'article',
    image: article.seo?.shareImage ?? article.cover,
    card: { target: { kind: 'article', slug: article.slug }, source: articleImageSource(article) },
    publishedTime: article.publishedAt,
    modifiedTime: article.updatedAt,
  });
}

export default async function ArticlePage({ params }: Props) {
  const { locale, result } = await lookup(params);
  const links = linksFor(result.versions);

  if (result.kind === 'untranslated') {
    const titleLocale =
      Object.keys(result.versions).find((code) => result.versions[code]?.title === result.title) ?? sourceLocale;
    return (
      <PageShell locale={locale} links={links}>
        <MissingTranslation locale={locale} title={result.title} titleLocale={titleLocale} links={links} />
      </PageShell>
    );
  }

  const { article } = result;
  return (
    <PageShell locale={locale} links={links}>
      <Provenance
        locale={locale}
        translation={article.translation}
        status={article.translationStatus}
        originalHref={links[sourceLocale] ?? null}
      />
      <ArticleView locale={locale} article={article} />
      <ShareLinks url={`${env().SITE_URL}${paths.article(locale, article.slug)}`} title={article.title} />
    </PageShell>
  );
}
