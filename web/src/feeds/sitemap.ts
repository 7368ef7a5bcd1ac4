import type { MetadataRoute } from 'next';
import type { PublishedVersion } from '@/data';
import { localeCodes } from '@/lib/locales';
import { absoluteUrl, everyLocale, languageAlternates } from '@/lib/metadata';
import { paths } from '@/lib/paths';

type Entry = MetadataRoute.Sitemap[number];

/** Next writes a sitemap's URLs into the XML as they are. */
const xmlEscape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * One URL per locale a page exists in, each with the hreflang alternates its head has (see
 * languageAlternates): every version of the page, and x-default.
 */
function cluster(links: Record<string, string>, lastModified: (locale: string) => string | null, xDefault?: string): Entry[] {
  return Object.keys(links).map((locale) => {
    const languages = languageAlternates(links, locale, xDefault);
    const modified = lastModified(locale);
    return {
      url: xmlEscape(absoluteUrl(links[locale]!)),
      ...(modified ? { lastModified: modified } : {}),
      alternates: { languages: Object.fromEntries(Object.entries(languages).map(([code, url]) => [code, xmlEscape(url)])) },
    };
  });
}

const changedAt = (versions: PublishedVersion[]) => (locale: string) =>
  versions.find((version) => version.locale === locale)?.updatedAt ?? null;

/**
 * Every published page in every locale: home and the article index (every locale has them), the
 * statement where it is published, each article in each locale it is published in. A missing
 * translation, a draft, a preview is never listed.
 */
export function sitemapEntries(content: { statement: PublishedVersion[]; articles: PublishedVersion[][] }): Entry[] {
  const known = (versions: PublishedVersion[]) => versions.filter((version) => localeCodes.includes(version.locale));
  const statement = known(content.statement);
  return [
    ...cluster(everyLocale(paths.home), () => null, '/'),
    ...cluster(Object.fromEntries(statement.map((v) => [v.locale, paths.statement(v.locale)])), changedAt(statement)),
    ...cluster(
      everyLocale((locale) => paths.articles(locale)),
      () => null,
    ),
    ...content.articles.flatMap((document) => {
      const versions = known(document).filter((v) => v.slug);
      return cluster(Object.fromEntries(versions.map((v) => [v.locale, paths.article(v.locale, v.slug!)])), changedAt(versions));
    }),
  ];
}
