import { getTranslations } from 'next-intl/server';
import { paths } from '@/lib/paths';
import { Arrow } from './Arrow';

export async function Pagination({ locale, page, pageCount }: { locale: string; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const t = await getTranslations('Pagination');
  return (
    <nav className="pagination" aria-label={t('label')}>
      {page > 1 ? (
        <a href={paths.articles(locale, page - 1)} rel="prev">
          <Arrow to="back" /> {t('previous')}
        </a>
      ) : (
        <span />
      )}
      <span aria-current="page">{t('status', { page, count: pageCount })}</span>
      {page < pageCount ? (
        <a href={paths.articles(locale, page + 1)} rel="next">
          {t('next')} <Arrow to="forward" />
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
