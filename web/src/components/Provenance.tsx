import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { ReviewState } from '@/data';
import { formatDate } from '@/lib/format';
import { languageName, sourceLocale } from '@/lib/locales';

type Translation = { translator?: string | null; reviewState?: ReviewState | null; reviewedAt?: string | null };
type Staleness = { state: string; sourceChangedAt?: string | null };

/**
 * On every translated page, in its language: translated from English (with a link to the
 * original), by whom if credited, whether and when a human reviewed it, and, when the English
 * changed after the translation was made, since when (with a link to the original as it is now).
 */
export async function Provenance({
  locale,
  translation,
  status,
  originalHref,
}: {
  locale: string;
  translation: Translation | null | undefined;
  status?: Staleness | null;
  originalHref: string | null;
}) {
  if (locale === sourceLocale) return null;
  const t = await getTranslations('Provenance');
  const language = languageName(sourceLocale, locale);
  const translator = translation?.translator?.trim();
  const original = (chunks: ReactNode) =>
    originalHref ? (
      <a href={originalHref} hrefLang={sourceLocale}>
        {chunks}
      </a>
    ) : (
      <>{chunks}</>
    );
  const reviewedOn = translation?.reviewState === 'human_reviewed' ? formatDate(translation.reviewedAt, locale) : null;
  const changedOn = status?.state === 'outdated' ? formatDate(status.sourceChangedAt, locale) : null;
  return (
    <aside className="provenance" aria-label={t('label')}>
      <p>
        {t.rich('translatedFrom', { language, link: original })}{' '}
        {translator ? <>{t.rich('translatedBy', { translator, name: (chunks) => <bdi>{chunks}</bdi> })} </> : null}
        {reviewedOn
          ? t('reviewedOn', { date: reviewedOn })
          : t('reviewState', { state: translation?.reviewState ?? 'machine_assisted' })}
      </p>
      {status?.state === 'outdated' ? (
        <p className="provenance-outdated" role="note">
          {t.rich('outdated', { language, date: changedOn ?? '', link: original })}
        </p>
      ) : null}
    </aside>
  );
}
