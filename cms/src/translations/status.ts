import type { Core } from '@strapi/strapi';
import { diffWords } from 'diff';
import localeList from '@publication/locales/locales.json';
import { blocksToText, checkTranslation, type IntegrityProblem } from './integrity';
import { currentSourceRevision, recordSourceSnapshot, sourceSnapshot, VERSION_POPULATE } from './revisions';
import {
  pickSourceFields,
  revisionOfFields,
  SOURCE_LOCALE,
  TRANSLATED_TYPES,
  type ContentTypeName,
  type SourceFields,
  type TranslatedUid,
} from './source-fields';

export type TranslationState = 'source' | 'missing' | 'draft' | 'outdated' | 'current';

export type LocaleStatus = {
  state: TranslationState;
  hasDraftChanges: boolean;
  /** The published translation is outdated, but its draft is marked up to date: publishing makes it current. */
  draftMarkedCurrent: boolean;
  reviewState: 'machine-assisted' | 'human-reviewed' | null;
  translator: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  sourceRevision: string | null;
  sourceRevisionDate: string | null;
  problems: IntegrityProblem[];
};

export type DocumentStatus = {
  uid: TranslatedUid;
  contentType: ContentTypeName;
  kind: 'singleType' | 'collectionType';
  documentId: string;
  title: string;
  slug: string | null;
  sourceRevision: string | null;
  sourceDate: string | null;
  locales: Record<string, LocaleStatus>;
};

type Translation = {
  translator?: string | null;
  reviewState?: LocaleStatus['reviewState'];
  reviewedAt?: string | null;
  reviewedBy?: string | null;
  sourceRevision?: string | null;
  sourceRevisionDate?: string | null;
};

type Version = Record<string, unknown> & {
  documentId: string;
  locale: string;
  title?: string;
  slug?: string | null;
  updatedAt?: string | null;
  publishedAt?: string | null;
  translation?: Translation | null;
};

const LOCALES = localeList.locales.map((l) => l.code);

/** Field path → plain text, as the integrity check reads it. */
export function sourceTexts(fields: SourceFields): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([path, value]) => [
      path,
      Array.isArray(value) ? blocksToText(value) : typeof value === 'string' ? value : '',
    ]),
  );
}

/**
 * The state of one locale of a document. A published translation is current when it records the
 * revision of the English the public reads now; any other revision (or none recorded) is outdated.
 */
export function localeStatus(
  uid: TranslatedUid,
  locale: string,
  published: Version | undefined,
  draft: Version | undefined,
  source: { revision: string; texts: Record<string, string> } | null,
): LocaleStatus {
  const version = published ?? draft;
  const translation = version?.translation ?? null;
  const state: TranslationState =
    locale === SOURCE_LOCALE
      ? published
        ? 'source'
        : draft
          ? 'draft'
          : 'missing'
      : !version
        ? 'missing'
        : !published
          ? 'draft'
          : source && translation?.sourceRevision === source.revision
            ? 'current'
            : source
              ? 'outdated'
              : 'current';
  const hasDraftChanges =
    !!published && !!draft && new Date(draft.updatedAt ?? 0).getTime() > new Date(published.updatedAt ?? 0).getTime() + 500;
  const problems =
    version && locale !== SOURCE_LOCALE && source
      ? checkTranslation({ source: source.texts, translation: sourceTexts(pickSourceFields(uid, version)), locale })
      : [];
  return {
    state,
    hasDraftChanges,
    draftMarkedCurrent: state === 'outdated' && !!source && draft?.translation?.sourceRevision === source.revision,
    reviewState: version && locale !== SOURCE_LOCALE ? (translation?.reviewState ?? 'machine-assisted') : null,
    translator: translation?.translator ?? null,
    reviewedAt: translation?.reviewedAt ?? null,
    reviewedBy: translation?.reviewedBy ?? null,
    sourceRevision: translation?.sourceRevision ?? null,
    sourceRevisionDate: translation?.sourceRevisionDate ?? null,
    problems,
  };
}

async function versionsOf(strapi: Core.Strapi, uid: TranslatedUid, status: 'published' | 'draft', documentId?: string) {
  const byDocument = new Map<string, Map<string, Version>>();
  for (const locale of LOCALES) {
    const versions = (await strapi.documents(uid).findMany({
      locale,
      status,
      populate: VERSION_POPULATE,
      ...(documentId ? { filters: { documentId } } : {}),
    } as never)) as unknown as Version[];
    for (const version of versions) {
      if (!byDocument.has(version.documentId)) byDocument.set(version.documentId, new Map());
      byDocument.get(version.documentId)!.set(locale, version);
    }
  }
  return byDocument;
}

/** Every document of one content type (or one document), with the state of each locale. */
async function statusOfType(strapi: Core.Strapi, contentType: ContentTypeName, documentId?: string): Promise<DocumentStatus[]> {
  const { uid, kind } = TRANSLATED_TYPES[contentType];
  const published = await versionsOf(strapi, uid, 'published', documentId);
  const drafts = await versionsOf(strapi, uid, 'draft', documentId);
  const documents: DocumentStatus[] = [];
  for (const [id, draftVersions] of drafts) {
    const publishedVersions = published.get(id) ?? new Map<string, Version>();
    const english = publishedVersions.get(SOURCE_LOCALE) ?? draftVersions.get(SOURCE_LOCALE);
    const sourceFields = english ? pickSourceFields(uid, english) : null;
    const source = sourceFields ? { revision: revisionOfFields(sourceFields), texts: sourceTexts(sourceFields) } : null;
    const any = english ?? publishedVersions.values().next().value ?? draftVersions.values().next().value!;
    documents.push({
      uid,
      contentType,
      kind,
      documentId: id,
      title: String(any.title ?? ''),
      slug: (any.slug as string | null | undefined) ?? null,
      sourceRevision: source?.revision ?? null,
      sourceDate: (english?.publishedAt as string | null | undefined) ?? null,
      locales: Object.fromEntries(
        LOCALES.map((locale) => [
          locale,
          localeStatus(uid, locale, publishedVersions.get(locale), draftVersions.get(locale), source),
        ]),
      ),
    });
  }
  return documents.sort((a, b) => a.title.localeCompare(b.title, 'en'));
}

/** The whole backlog: the statement first, then every article, each locale's state. */
export async function translationOverview(strapi: Core.Strapi): Promise<DocumentStatus[]> {
  return [...(await statusOfType(strapi, 'statement')), ...(await statusOfType(strapi, 'article'))];
}

export async function documentStatus(
  strapi: Core.Strapi,
  contentType: ContentTypeName,
  documentId: string,
): Promise<DocumentStatus | null> {
  return (await statusOfType(strapi, contentType, documentId))[0] ?? null;
}

export type FieldChange = { kind: 'equal' | 'added' | 'removed'; text: string };
export type SourceDiff = {
  locale: string;
  fromRevision: string | null;
  toRevision: string;
  fromDate: string | null;
  toDate: string | null;
  /** False when the English text of the translation's revision was not kept (made before revisions were). */
  available: boolean;
  fields: { field: string; changes: FieldChange[] }[];
};

/** What changed in the English since the revision a translation records, field by field, in words. */
export async function sourceDiff(
  strapi: Core.Strapi,
  contentType: ContentTypeName,
  documentId: string,
  locale: string,
  fromRevision: string | null,
): Promise<SourceDiff | null> {
  const { uid } = TRANSLATED_TYPES[contentType];
  const current = await currentSourceRevision(strapi, uid, documentId);
  if (!current || locale === SOURCE_LOCALE || fromRevision === current.revision) return null;
  await recordSourceSnapshot(strapi, uid, documentId, current);
  const before = fromRevision ? await sourceSnapshot(strapi, uid, documentId, fromRevision) : null;
  const base = { locale, fromRevision, toRevision: current.revision, fromDate: before?.date ?? null, toDate: current.date };
  if (!before) return { ...base, available: false, fields: [] };
  const oldTexts = sourceTexts(before.fields);
  const newTexts = sourceTexts(current.fields);
  const fields = Object.keys(newTexts)
    .filter((field) => oldTexts[field] !== newTexts[field])
    .map((field) => ({
      field,
      changes: diffWords(oldTexts[field] ?? '', newTexts[field] ?? '').map((change) => ({
        kind: change.added ? ('added' as const) : change.removed ? ('removed' as const) : ('equal' as const),
        text: change.value,
      })),
    }));
  return { ...base, available: true, fields };
}
