import { getTranslations } from 'next-intl/server';

export async function SiteFooter() {
  const t = await getTranslations('Footer');
  return (
    <footer className="site-footer">
      <div className="wrap">
        <p>{t('source')}</p>
        <p>{t('privacy')}</p>
      </div>
    </footer>
  );
}
