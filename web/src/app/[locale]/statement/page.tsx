import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { MissingStatement } from '@/components/MissingTranslation';
import { PageShell } from '@/components/PageShell';
import { ShareLinks } from '@/components/ShareLinks';
import { StatementView } from '@/components/StatementView';
import { getStatement, statementVersions, type Versions } from '@/data';
import { localeParam } from '@/i18n/segments';
import { env } from '@/lib/env';
import { sourceLocale } from '@/lib/locales';
import { statementLinks } from '@/lib/routes';
import { pageMetadata } from '@/lib/metadata';
import { paths } from '@/lib/paths';
import { shareTextOf } from '@/share/message';
import { statementImageSource } from '@/share/image-content';

type Props = { params: Promise<{ locale: string }> };

export const revalidate = 600;

const target = { kind: 'statement' } as const;
const linksFor = (versions: Versions) => statementLinks(versions, paths.statement);

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
    share: target,
    card: { target, source: statementImageSource(statement) },
  });
}

export default async function StatementPage({ params }: Props) {
  const locale = localeParam((await params).locale);
  const statement = await getStatement(locale);

  if (!statement) {
    // Not translated into this locale (yet): the source text always exists.
    const sourceHref = paths.statement(sourceLocale);
    return (
      <PageShell locale={locale} links={{ [sourceLocale]: sourceHref }}>
        <MissingStatement locale={locale} sourceHref={sourceHref} />
      </PageShell>
    );
  }

  const links = linksFor(statementVersions(statement));
  return (
    <PageShell locale={locale} links={links}>
      <StatementView locale={locale} statement={statement} originalHref={links[sourceLocale] ?? null} />
      <ShareLinks locale={locale} target={target} text={shareTextOf(env().SITE_URL, locale, target, statement)} />
    </PageShell>
  );
}
