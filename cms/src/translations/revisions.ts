import type { Core } from '@strapi/strapi';
import {
  pickSourceFields,
  revisionOfFields,
  SOURCE_LOCALE,
  TRANSLATED_TYPES,
  type SourceFields,
  type TranslatedUid,
} from './source-fields';

export const SNAPSHOTS = 'api::source-revision.source-revision';

export type SourceRevision = { revision: string; date: string | null; fields: SourceFields };

type Version = Record<string, unknown> & { documentId: string; publishedAt?: string | null; updatedAt?: string | null };

/** Every version is read with its components, whose fields are part of the source. */
export const VERSION_POPULATE = ['seo', 'translation'];

/** One version of a document: `published`, or the draft (which Strapi keeps for every document). */
export async function findVersion(
  strapi: Core.Strapi,
  uid: TranslatedUid,
  documentId: string,
  locale: string,
  status: 'published' | 'draft',
): Promise<Version | null> {
  const found = await strapi.documents(uid).findOne({ documentId, locale, status, populate: VERSION_POPULATE } as never);
  return (found as Version | null) ?? null;
}

/**
 * The English a translation is made from now: the published English version, or, before the
 * English is first published, its draft (what the translator sees).
 */
export async function currentSourceRevision(
  strapi: Core.Strapi,
  uid: TranslatedUid,
  documentId: string,
): Promise<SourceRevision | null> {
  const source =
    (await findVersion(strapi, uid, documentId, SOURCE_LOCALE, 'published')) ??
    (await findVersion(strapi, uid, documentId, SOURCE_LOCALE, 'draft'));
  if (!source) return null;
  const fields = pickSourceFields(uid, source);
  return { revision: revisionOfFields(fields), date: source.publishedAt ?? source.updatedAt ?? null, fields };
}

/** Keeps the English text of a revision (once), so that a later diff can show what changed since. */
export async function recordSourceSnapshot(strapi: Core.Strapi, uid: TranslatedUid, documentId: string, source: SourceRevision) {
  const query = strapi.db.query(SNAPSHOTS);
  const where = { contentType: uid, sourceDocumentId: documentId, revision: source.revision };
  if (await query.findOne({ select: ['id'], where })) return;
  await query.create({ data: { ...where, sourceDate: source.date, fields: source.fields } });
}

/** The current English revision of a document, kept for later diffs. */
export async function recordCurrentSourceRevision(strapi: Core.Strapi, uid: TranslatedUid, documentId: string) {
  const source = await currentSourceRevision(strapi, uid, documentId);
  if (source) await recordSourceSnapshot(strapi, uid, documentId, source);
  return source;
}

/** The English fields at an earlier revision, or null when that text was not kept. */
export async function sourceSnapshot(
  strapi: Core.Strapi,
  uid: TranslatedUid,
  documentId: string,
  revision: string,
): Promise<SourceRevision | null> {
  const row = (await strapi.db.query(SNAPSHOTS).findOne({
    where: { contentType: uid, sourceDocumentId: documentId, revision },
  })) as { revision: string; sourceDate: string | null; fields: SourceFields } | null;
  return row ? { revision: row.revision, date: row.sourceDate, fields: row.fields } : null;
}

/** The document id of the single statement, if there is one. */
export async function statementDocumentId(strapi: Core.Strapi): Promise<string | null> {
  const row = (await strapi.db
    .query(TRANSLATED_TYPES.statement.uid)
    .findOne({ select: ['documentId'], orderBy: { id: 'asc' } })) as { documentId: string } | null;
  return row?.documentId ?? null;
}
