import type { Metadata } from 'next';
import { ArticleIndex, articleIndexMetadata } from '@/components/ArticleIndex';
import { localeParam } from '@/i18n/segments';

type Props = { params: Promise<{ locale: string }> };

export const revalidate = 600;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return articleIndexMetadata(localeParam((await params).locale), 1);
}

export default async function ArticlesPage({ params }: Props) {
  return <ArticleIndex locale={localeParam((await params).locale)} page={1} />;
}
