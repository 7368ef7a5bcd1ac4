import { getTranslations } from 'next-intl/server';
import { paths } from '@/lib/paths';
import { LanguageSwitcher, type LanguageLinks } from './LanguageSwitcher';

export async function SiteHeader({ locale, links }: { locale: string; links: LanguageLinks }) {
  const t = await getTranslations('Header');
  const site = await getTranslations('Metadata');
  return (
    <header className="site-header">
      <div className="wrap header-row">
        <a className="site-name" href={paths.home(locale)}>
          {site('siteName')}
        </a>
        <LanguageSwitcher locale={locale} links={links} />
      </div>
      <nav className="wrap main-nav" aria-label={t('navLabel')}>
        <ul>
          <li>
            <a href={paths.home(locale)}>{t('home')}</a>
          </li>
          <li>
            <a href={paths.statement(locale)}>{t('statement')}</a>
          </li>
          <li>
            <a href={paths.articles(locale)}>{t('articles')}</a>
          </li>
        </ul>
      </nav>
    </header>
  );
}
