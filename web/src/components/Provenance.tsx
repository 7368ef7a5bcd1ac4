import { getTranslations } from 'next-intl/server';
import { languageName, sourceLocale } from '@/lib/locales';
import type { ReviewState } from '@/data';

/**
 * On every translated page, in its language: translated from English (with a link to the
 * original), by whom if credited, and whether a human has reviewed it.
 */
export async function Provenance({
  locale,
  translation,
  originalHref,
}: {
  locale: string;
  translation: { translator?: string | null; reviewState?: ReviewState | null } | null | undefined;
  originalHref: string | null;
}) {
  if (locale === sourceLocale) return null;
  const t = await getTranslations('Provenance');
  const language = languageName(sourceLocale, locale);
  const translator = translation?.translator?.trim();
  return (
    <aside className="provenance" aria-label={t('label')}>
      <p>
        {originalHref
          ? t.rich('translatedFrom', {
              language,
              link: (chunks) => (
                <a href={originalHref} hrefLang={sourceLocale}>
                  {chunks}
                </a>
              ),
            })
          : t.rich('translatedFrom', { language, link: (chunks) => <>{chunks}</> })}{' '}
        {translator ? <>{t.rich('translatedBy', { translator, name: (chunks) => <bdi>{chunks}</bdi> })} </> : null}
        {t('reviewState', { state: translation?.reviewState ?? 'machine_assisted' })}
      </p>
    </aside>
  );
}
