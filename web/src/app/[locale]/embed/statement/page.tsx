import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { EmbedShell } from '@/components/EmbedShell';
import { MissingStatement } from '@/components/MissingTranslation';
import { StatementView } from '@/components/StatementView';
import { getStatement, statementVersions } from '@/data';
import { localeParam } from '@/i18n/segments';
import { env } from '@/lib/env';
import { sourceLocale } from '@/lib/locales';
import { paths } from '@/lib/paths';

type Props = { params: Promise<{ locale: string }> };

export const revalidate = 600;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = localeParam((await params).locale);
  const statement = await getStatement(locale);
  const t = await getTranslations({ locale, namespace: 'Header' });
  return {
    title: { absolute: statement?.title ?? t('statement') },
    alternates: { canonical: `${env().SITE_URL}${paths.statement(locale)}` },
    robots: { index: false, follow: true },
  };
}

export default async function EmbeddedStatement({ params }: Props) {
  const locale = localeParam((await params).locale);
  const statement = await getStatement(locale);
  const href = `${env().SITE_URL}${paths.statement(statement ? locale : sourceLocale)}`;
  if (!statement) {
    return (
      <EmbedShell locale={locale} href={href}>
        <MissingStatement locale={locale} sourceHref={href} />
      </EmbedShell>
    );
  }
  const original = sourceLocale in statementVersions(statement) ? `${env().SITE_URL}${paths.statement(sourceLocale)}` : null;
  return (
    <EmbedShell locale={locale} href={href}>
      <StatementView locale={locale} statement={statement} originalHref={original} />
    </EmbedShell>
  );
}
