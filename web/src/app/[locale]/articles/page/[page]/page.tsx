import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { ArticleIndex, articleIndexMetadata, parsePage } from '@/components/ArticleIndex';
import { localeParam } from '@/i18n/segments';
import { paths } from '@/lib/paths';

type Props = { params: Promise<{ locale: string; page: string }> };

export const revalidate = 600;

// Later pages render on their first request and are cached.
export function generateStaticParams() {
  return [];
}

async function resolve(params: Props['params']) {
  const { locale: raw, page: rawPage } = await params;
  const locale = localeParam(raw);
  const page = parsePage(rawPage);
  if (!page) notFound();
  return { locale, page };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, page } = await resolve(params);
  if (page === 1) return {}; // the page redirects (once: not here too)
  return articleIndexMetadata(locale, page);
}

export default async function ArticlesPageN({ params }: Props) {
  const { locale, page } = await resolve(params);
  if (page === 1) permanentRedirect(paths.articles(locale));
  return <ArticleIndex locale={locale} page={page} />;
}
