/** What the routes under a document (its page, share kit, embed) share: the look-up and the links to its versions. */
import { notFound } from 'next/navigation';
import { getArticle, type ArticleLookup, type Versions } from '@/data';
import { decodeSlug, localeParam } from '@/i18n/segments';
import { localeCodes, sourceLocale } from './locales';

/** What every route under an article's slug (its page, share kit, embed) looks up first; 404 when none. */
export async function articleRoute(params: Promise<{ locale: string; slug: string }>) {
  const { locale: raw, slug: rawSlug } = await params;
  const locale = localeParam(raw);
  const slug = decodeSlug(rawSlug);
  if (!slug) notFound();
  const result = await getArticle(locale, slug);
  if (result.kind === 'not-found') notFound();
  return { locale, rawSlug, result };
}

/** locale → the address of this article's version in that locale under `pathFor`, or null. */
export function versionLinks(versions: Versions, pathFor: (locale: string, slug: string) => string) {
  return Object.fromEntries(
    localeCodes.map((code) => {
      const slug = versions[code]?.slug;
      return [code, slug ? pathFor(code, slug) : null];
    }),
  );
}

/** The language of the title an untranslated article is shown under (English when it exists). */
export function titleLocaleOf(result: Extract<ArticleLookup, { kind: 'untranslated' }>): string {
  return Object.keys(result.versions).find((code) => result.versions[code]?.title === result.title) ?? sourceLocale;
}

/** locale → the address of the statement's version in that locale under `pathFor`, or null. */
export function statementLinks(versions: Versions, pathFor: (locale: string) => string) {
  return Object.fromEntries(localeCodes.map((code) => [code, code in versions ? pathFor(code) : null]));
}
