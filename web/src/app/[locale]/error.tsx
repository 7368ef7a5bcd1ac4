'use client';

import { useParams } from 'next/navigation';
import { errorMessages } from '@/i18n/error-messages';

/**
 * A request that fails (the CMS timed out or answered an error) ends here: a plain localized page,
 * never a stack trace. Next answers it with status 500 and does not cache it.
 */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const params = useParams<{ locale: string }>();
  const locale = params?.locale && params.locale in errorMessages ? params.locale : 'en';
  const t = errorMessages[locale]!;
  return (
    <main id="main" className="wrap error-page">
      <title>{t.title}</title>
      <h1>{t.title}</h1>
      <p>{t.body}</p>
      <p className="actions">
        <button type="button" onClick={() => reset()}>
          {t.retry}
        </button>
        <a href={`/${locale}`}>{t.home}</a>
      </p>
    </main>
  );
}
