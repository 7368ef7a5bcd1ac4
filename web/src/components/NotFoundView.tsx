import { getTranslations } from 'next-intl/server';
import { everyLocale } from '@/lib/metadata';
import { paths } from '@/lib/paths';
import { PageShell } from './PageShell';

/** The localized 404 page's content, with a switcher to the other languages' home pages. */
export async function NotFoundView({ locale }: { locale: string }) {
  const t = await getTranslations({ locale, namespace: 'NotFoundPage' });
  return (
    <PageShell locale={locale} links={everyLocale(paths.home)}>
      <title>{t('title')}</title>
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <p>
        <a href={paths.home(locale)}>{t('home')}</a>
      </p>
    </PageShell>
  );
}
