import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { MissingTranslation } from '@/components/MissingTranslation';
import { PageShell } from '@/components/PageShell';
import { ShareKit } from '@/components/ShareKit';
import { articleRoute, titleLocaleOf, versionLinks } from '@/lib/routes';
import { env } from '@/lib/env';
import { pageMetadata } from '@/lib/metadata';
import { paths } from '@/lib/paths';
import { articleImageSource } from '@/share/image-content';
import { shareTextOf } from '@/share/message';

type Props = { params: Promise<{ locale: string; slug: string }> };

export const revalidate = 600;

export function generateStaticParams() {
  return [];
}

const sharePath = (locale: string, slug: string) => paths.share(locale, { kind: 'article', slug });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, rawSlug, result } = await articleRoute(params);
  const t = await getTranslations({ locale, namespace: 'ShareKit' });
  const title = result.kind === 'article' ? result.article.title : result.title;
  return pageMetadata({
    locale,
    title: t('pageTitleArticle', { title }),
    links: versionLinks(result.versions, sharePath),
    path: `/${locale}/share/articles/${rawSlug}`,
    noindex: true,
  });
}

export default async function ArticleSharePage({ params }: Props) {
  const { locale, result } = await articleRoute(params);
  const links = versionLinks(result.versions, sharePath);
  if (result.kind === 'untranslated') {
    return (
      <PageShell locale={locale} links={links}>
        <MissingTranslation locale={locale} title={result.title} titleLocale={titleLocaleOf(result)} links={links} />
      </PageShell>
    );
  }
  const target = { kind: 'article', slug: result.article.slug } as const;
  const siteUrl = env().SITE_URL;
  return (
    <PageShell locale={locale} links={links}>
      <ShareKit
        locale={locale}
        target={target}
        siteUrl={siteUrl}
        text={shareTextOf(siteUrl, locale, target, result.article)}
        imageSource={articleImageSource(result.article)}
      />
    </PageShell>
  );
}
