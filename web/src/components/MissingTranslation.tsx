import { getTranslations } from 'next-intl/server';
import { languageName, localeCodes, locales, sourceLocale } from '@/lib/locales';

/** A document that exists, but not in this locale: say so, and link to the languages it exists in. */
export async function MissingTranslation({
  locale,
  title,
  titleLocale,
  links,
}: {
  locale: string;
  /** The document's title in the language of `titleLocale`. */
  title: string;
  titleLocale: string;
  links: Record<string, string | null>;
}) {
  const t = await getTranslations('MissingTranslation');
  const language = languageName(locale, locale);
  const available = locales.filter((l) => l.code !== locale && links[l.code]);
  return (
    <section className="missing">
      <h1>{t('title', { language })}</h1>
      <p>
        {t.rich('body', {
          title,
          language,
          work: (chunks) => (
            <bdi lang={titleLocale} dir="auto">
              {chunks}
            </bdi>
          ),
        })}
      </p>
      <ul>
        {available.map((l) => (
          <li key={l.code}>
            <a href={links[l.code]!} hrefLang={l.code} lang={l.code} dir={l.dir}>
              {l.name}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The statement is not translated into this locale (yet): its source-locale version is at `sourceHref`. */
export async function MissingStatement({ locale, sourceHref }: { locale: string; sourceHref: string }) {
  const t = await getTranslations('Header');
  const links = { ...Object.fromEntries(localeCodes.map((c) => [c, null])), [sourceLocale]: sourceHref };
  return <MissingTranslation locale={locale} title={t('statement')} titleLocale={locale} links={links} />;
}
