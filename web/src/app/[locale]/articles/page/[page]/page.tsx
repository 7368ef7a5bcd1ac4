import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleIndex, articleIndexMetadata } from '@/components/ArticleIndex';
import { localeParam } from '@/i18n/segments';
import { parsePageNumber } from '@/lib/paths';

type Props = { params: Promise<{ locale: string; page: string }> };

export const revalidate = 600;

// Later pages render on their first request and are cached.
export function generateStaticParams() {
  return [];
}

async function resolve(params: Props['params']) {
  const { locale: raw, page: rawPage } = await params;
  const locale = localeParam(raw);
  // The proxy answers a malformed number (404) and page 1 (a redirect to /articles) before this renders.
  const page = parsePageNumber(rawPage);
  if (!page || page === 1) notFound();
  return { locale, page };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, page } = await resolve(params);
  return articleIndexMetadata(locale, page);
}

export default async function ArticlesPageN({ params }: Props) {
  const { locale, page } = await resolve(params);
  return <ArticleIndex locale={locale} page={page} />;
}
