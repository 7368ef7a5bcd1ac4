import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { MissingStatement } from '@/components/MissingTranslation';
import { PageShell } from '@/components/PageShell';
import { ShareKit } from '@/components/ShareKit';
import { getStatement, statementVersions, type Versions } from '@/data';
import { localeParam } from '@/i18n/segments';
import { env } from '@/lib/env';
import { sourceLocale } from '@/lib/locales';
import { statementLinks } from '@/lib/routes';
import { pageMetadata } from '@/lib/metadata';
import { paths } from '@/lib/paths';
import { statementImageSource } from '@/share/image-content';
import { shareTextOf } from '@/share/message';

type Props = { params: Promise<{ locale: string }> };

export const revalidate = 600;

const target = { kind: 'statement' } as const;

const linksFor = (versions: Versions) => statementLinks(versions, (code) => paths.share(code));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = localeParam((await params).locale);
  const statement = await getStatement(locale);
  const t = await getTranslations({ locale, namespace: 'ShareKit' });
  const links = statement ? linksFor(statementVersions(statement)) : { [sourceLocale]: paths.share(sourceLocale) };
  return pageMetadata({ locale, title: t('pageTitleStatement'), links, path: paths.share(locale), noindex: true });
}

export default async function StatementSharePage({ params }: Props) {
  const locale = localeParam((await params).locale);
  const statement = await getStatement(locale);

  if (!statement) {
    const sourceHref = paths.share(sourceLocale);
    return (
      <PageShell locale={locale} links={{ [sourceLocale]: sourceHref }}>
        <MissingStatement locale={locale} sourceHref={sourceHref} />
      </PageShell>
    );
  }

  const siteUrl = env().SITE_URL;
  return (
    <PageShell locale={locale} links={linksFor(statementVersions(statement))}>
      <ShareKit
        locale={locale}
        target={target}
        siteUrl={siteUrl}
        text={shareTextOf(siteUrl, locale, target, statement)}
        imageSource={statementImageSource(statement)}
      />
    </PageShell>
  );
}
