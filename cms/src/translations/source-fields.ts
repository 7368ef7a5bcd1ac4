import { createHash } from 'node:crypto';
import localeList from '@publication/locales/locales.json';

/**
 * The content types that carry translations and, for each, the fields a translator translates
 * (paths into a version; `seo.metaTitle` is a field of the `seo` component). The slug is not one:
 * each locale makes its own from its title.
 */
export const TRANSLATED_TYPES = {
  statement: {
    uid: 'api::statement.statement',
    kind: 'singleType',
    fields: ['title', 'lead', 'body', 'callToAction', 'seo.metaTitle', 'seo.metaDescription'],
  },
  article: {
    uid: 'api::article.article',
    kind: 'collectionType',
    fields: ['title', 'excerpt', 'body', 'seo.metaTitle', 'seo.metaDescription'],
  },
} as const;

export type ContentTypeName = keyof typeof TRANSLATED_TYPES;
export type TranslatedUid = (typeof TRANSLATED_TYPES)[ContentTypeName]['uid'];
export type SourceFields = Record<string, unknown>;

export const SOURCE_LOCALE = localeList.defaultLocale;
export const TARGET_LOCALES = localeList.locales.map((l) => l.code).filter((code) => code !== SOURCE_LOCALE);

export function contentTypeOf(uid: string): ContentTypeName | undefined {
  return (Object.keys(TRANSLATED_TYPES) as ContentTypeName[]).find((name) => TRANSLATED_TYPES[name].uid === uid);
}

export function isTranslatedUid(uid: string): uid is TranslatedUid {
  return contentTypeOf(uid) !== undefined;
}

export function sourceFieldsOf(uid: TranslatedUid): readonly string[] {
  return TRANSLATED_TYPES[contentTypeOf(uid)!].fields;
}

function valueAt(version: Record<string, unknown>, path: string): unknown {
  let value: unknown = version;
  for (const key of path.split('.')) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value === undefined || value === '' ? null : value;
}

/** The translated fields of one version, by path; an absent or empty field is null. */
export function pickSourceFields(uid: TranslatedUid, version: Record<string, unknown>): SourceFields {
  return Object.fromEntries(sourceFieldsOf(uid).map((path) => [path, valueAt(version, path)]));
}

/** JSON with object keys sorted, so that the same content always gives the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The source revision: a SHA-256 of the translated fields of the English version, in hex. */
export function revisionOf(uid: TranslatedUid, version: Record<string, unknown>): string {
  return revisionOfFields(pickSourceFields(uid, version));
}

export function revisionOfFields(fields: SourceFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}
