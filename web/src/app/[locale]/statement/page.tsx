import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { MissingTranslation } from '@/components/MissingTranslation';
import { PageShell } from '@/components/PageShell';
import { Provenance } from '@/components/Provenance';
import { ShareLinks } from '@/components/ShareLinks';
import { StatementView } from '@/components/StatementView';
import { getStatement, statementVersions } from '@/data';
import { localeParam } from '@/i18n/segments';
import { env } from '@/lib/env';
import { localeCodes, sourceLocale } from '@/lib/locales';
import { pageMetadata } from '@/lib/metadata';
import { paths } from '@/lib/paths';
import { statementImageSource } from '@/share/image-content';

type Props = { params: Promise<{ locale: string }> };

export const revalidate = 600;

function linksFor(versions: Record<string, unknown>) {
  return Object.fromEntries(localeCodes.map((code) => [code, code in versions ? paths.statement(code) : null]));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = localeParam((await params).locale);
  const statement = await getStatement(locale);
  if (!statement) {
    const t = await getTranslations({ locale, namespace: 'Header' });
    return pageMetadata({
      locale,
      title: t('statement'),
      links: { [sourceLocale]: paths.statement(sourceLocale) },
      path: paths.statement(locale),
      noindex: true,
    });
  }
  return pageMetadata({
    locale,
    title: statement.seo?.metaTitle || statement.title,
    absoluteTitle: true,
    description: statement.seo?.metaDescription || statement.lead,
    links: linksFor(statementVersions(statement)),
    type: 'article',
    image: statement.seo?.shareImage,
    card: { target: { kind: 'statement' }, source: statementImageSource(statement) },
  });
}

export default async function StatementPage({ params }: Props) {
  const locale = localeParam((await params).locale);
  const statement = await getStatement(locale);

  if (!statement) {
    // Not translated into this locale (yet): the source text always exists.
    const links = { ...Object.fromEntries(localeCodes.map((c) => [c, null])), [sourceLocale]: paths.statement(sourceLocale) };
    const t = await getTranslations('Header');
    return (
      <PageShell locale={locale} links={links}>
        <MissingTranslation locale={locale} title={t('statement')} titleLocale={locale} links={links} />
      </PageShell>
    );
  }

  const links = linksFor(statementVersions(statement));
  return (
    <PageShell locale={locale} links={links}>
      <Provenance
        locale={locale}
        translation={statement.translation}
        status={statement.translationStatus}
        originalHref={links[sourceLocale] ?? null}
      />
      <StatementView statement={statement} />
      <ShareLinks url={`${env().SITE_URL}${paths.statement(locale)}`} title={statement.title} />
    </PageShell>
  );
}
