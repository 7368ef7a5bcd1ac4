import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Arrow } from '@/components/Arrow';
import { ArticleList } from '@/components/ArticleList';
import { PageShell } from '@/components/PageShell';
import { Provenance } from '@/components/Provenance';
import { getHome, statementVersions } from '@/data';
import { localeParam } from '@/i18n/segments';
import { languageName, sourceLocale } from '@/lib/locales';
import { everyLocale, pageMetadata } from '@/lib/metadata';
import { paths } from '@/lib/paths';
import { statementImageSource } from '@/share/image-content';

type Props = { params: Promise<{ locale: string }> };

export const revalidate = 600;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = localeParam((await params).locale);
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  const { statement } = await getHome(locale);
  return pageMetadata({
    locale,
    title: t('siteName'),
    absoluteTitle: true,
    description: statement?.seo?.metaDescription || statement?.lead || t('description'),
    links: everyLocale(paths.home),
    xDefault: '/',
    image: statement?.seo?.shareImage,
    card: statement ? { target: { kind: 'statement' }, source: statementImageSource(statement) } : undefined,
  });
}

export default async function HomePage({ params }: Props) {
  const locale = localeParam((await params).locale);
  const { statement, latest } = await getHome(locale);
  const t = await getTranslations('HomePage');
  const statementLinks = statement ? statementVersions(statement) : {};

  return (
    <PageShell locale={locale} links={everyLocale(paths.home)}>
      {statement ? (
        <>
          <Provenance
            locale={locale}
            translation={statement.translation}
            status={statement.translationStatus}
            originalHref={sourceLocale in statementLinks ? paths.statement(sourceLocale) : null}
          />
          <article className="statement statement-intro">
            <h1>{statement.title}</h1>
            {statement.lead ? <p className="lead">{statement.lead}</p> : null}
            {statement.callToAction ? <p className="call-to-action">{statement.callToAction}</p> : null}
            <p className="more">
              <a href={paths.statement(locale)}>
                {t('readStatement')} <Arrow to="forward" />
              </a>
            </p>
          </article>
        </>
      ) : (
        <p>{t('noStatement', { language: languageName(locale, locale) })}</p>
      )}
      <section className="latest" aria-labelledby="latest">
        <h2 id="latest">{t('latest')}</h2>
        <ArticleList locale={locale} articles={latest} headingLevel={3} />
        <p className="more">
          <a href={paths.articles(locale)}>
            {t('allArticles')} <Arrow to="forward" />
          </a>
        </p>
      </section>
    </PageShell>
  );
}
