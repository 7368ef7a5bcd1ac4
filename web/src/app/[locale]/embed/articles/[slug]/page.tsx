import type { Metadata } from 'next';
import { ArticleView } from '@/components/ArticleView';
import { EmbedShell } from '@/components/EmbedShell';
import { MissingTranslation } from '@/components/MissingTranslation';
import { articleRoute, titleLocaleOf, versionLinks } from '@/lib/routes';
import { env } from '@/lib/env';
import { sourceLocale } from '@/lib/locales';
import { paths } from '@/lib/paths';

type Props = { params: Promise<{ locale: string; slug: string }> };

export const revalidate = 600;

export function generateStaticParams() {
  return [];
}

/** Links out of the frame are absolute: the embedding page is on another site. */
const onSite = (locale: string, slug: string) => `${env().SITE_URL}${paths.article(locale, slug)}`;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, result } = await articleRoute(params);
  if (result.kind === 'untranslated') return { title: { absolute: result.title }, robots: { index: false, follow: true } };
  return {
    title: { absolute: result.article.title },
    alternates: { canonical: onSite(locale, result.article.slug) },
    robots: { index: false, follow: true },
  };
}

export default async function EmbeddedArticle({ params }: Props) {
  const { locale, result } = await articleRoute(params);
  const links = versionLinks(result.versions, onSite);
  if (result.kind === 'untranslated') {
    const href = links[sourceLocale] ?? Object.values(links).find(Boolean) ?? env().SITE_URL;
    return (
      <EmbedShell locale={locale} href={href}>
        <MissingTranslation locale={locale} title={result.title} titleLocale={titleLocaleOf(result)} links={links} />
      </EmbedShell>
    );
  }
  const { article } = result;
  return (
    <EmbedShell locale={locale} href={onSite(locale, article.slug)}>
      <ArticleView locale={locale} article={article} originalHref={links[sourceLocale] ?? null} />
    </EmbedShell>
  );
}
