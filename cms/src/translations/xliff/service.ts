/**
 * XLIFF export and import against a running CMS's content (the Document Service), for
 * `npm run xliff` (scripts/xliff.ts).
 *
 * Export: the English is the source version a translation is made from now (currentSourceRevision:
 * the published English), the target the locale's draft (or nothing yet). Its revision is recorded
 * (recordSourceSnapshot) so that an import of this file later still finds the English it was made from.
 *
 * Import: everything is checked before anything is written (the file, its languages, its documents,
 * the English of its revision, every unit, every tag); then all its documents are written in one
 * database transaction, as drafts of the target locale (never published), with the file's source
 * revision. A file exported from an older English revision is imported with a warning.
 */
import type { Core } from '@strapi/strapi';
import { glossaryEntriesIn, loadGlossary, spellings } from '../integrity';
import {
  currentSourceRevision,
  findVersion,
  recordSourceSnapshot,
  sourceSnapshot,
  statementDocumentId,
  type SourceRevision,
} from '../revisions';
import { pickSourceFields, SOURCE_LOCALE, TARGET_LOCALES, TRANSLATED_TYPES, type TranslatedUid } from '../source-fields';
import { exportDocument, importDocument, originalOf, parseOriginal, type DocumentType, type GlossaryNotes } from './document';
import { readXliff, writeXliff, XliffFormatError, type XliffDocument, type XliffFile } from './file';

/** A problem the person running the command can fix (wrong locale, unknown document, bad file): no stack trace. */
export class XliffUserError extends Error {
  override name = 'XliffUserError';
}

export type DocumentRef = { type: DocumentType; documentId: string };

const uidOf = (type: DocumentType): TranslatedUid => TRANSLATED_TYPES[type].uid;

export function checkLocale(locale: string): string {
  if (!TARGET_LOCALES.includes(locale))
    throw new XliffUserError(
      `unknown target locale "${locale}": one of ${TARGET_LOCALES.join(', ')} (${SOURCE_LOCALE} is the source)`,
    );
  return locale;
}

/** Every document that has an English version: the statement first, then the articles. */
export async function allDocuments(strapi: Core.Strapi): Promise<DocumentRef[]> {
  const refs: DocumentRef[] = [];
  const statement = await statementDocumentId(strapi);
  if (statement) refs.push({ type: 'statement', documentId: statement });
  const articles = (await strapi.db.query(TRANSLATED_TYPES.article.uid).findMany({
    select: ['documentId'],
    where: { locale: SOURCE_LOCALE },
    orderBy: { id: 'asc' },
  })) as { documentId: string }[];
  for (const documentId of new Set(articles.map((row) => row.documentId))) refs.push({ type: 'article', documentId });
  return refs;
}

/** `statement`, or an article's documentId (a statement's documentId works too). */
export async function findDocument(strapi: Core.Strapi, name: string): Promise<DocumentRef> {
  if (name === 'statement') {
    const documentId = await statementDocumentId(strapi);
    if (!documentId) throw new XliffUserError('there is no statement in this CMS');
    return { type: 'statement', documentId };
  }
  for (const type of ['article', 'statement'] as const) {
    const found = await strapi.db.query(uidOf(type)).findOne({ select: ['id'], where: { documentId: name } });
    if (found) return { type, documentId: name };
  }
  throw new XliffUserError(`no article or statement has the documentId "${name}"`);
}

function glossaryNotes(locale: string): GlossaryNotes {
  const glossary = loadGlossary();
  return (text) =>
    glossaryEntriesIn(text, glossary).flatMap((entry) => {
      const forms = spellings(entry, locale);
      if (!forms.length) return [];
      const note = entry.note ? ` (${entry.note})` : '';
      return [`Glossary: ${spellings(entry, SOURCE_LOCALE).join(' / ')} → ${locale}: ${forms.join(' / ')}${note}`];
    });
}

type Version = Record<string, unknown> & { translation?: Record<string, unknown> | null; publishedAt?: string | null };

function describeTranslation(locale: string, version: Version | null, source: SourceRevision): string {
  if (!version) return `Translation (${locale}): none yet`;
  const translation = version.translation ?? {};
  const parts = [
    version.publishedAt ? 'published' : 'draft only',
    `review state ${String(translation.reviewState ?? 'unknown')}`,
    ...(translation.translator ? [`translator ${String(translation.translator)}`] : []),
    translation.sourceRevision === source.revision
      ? 'made from this English revision'
      : `made from ${translation.sourceRevision ? `an older English revision (${String(translation.sourceRevisionDate ?? 'date unknown')})` : 'an unrecorded English revision'}`,
  ];
  return `Translation (${locale}): ${parts.join(', ')}`;
}

/** One XLIFF file with a <file> per document. */
export async function exportXliff(
  strapi: Core.Strapi,
  options: { locale: string; documents: DocumentRef[] },
): Promise<{ xml: string; warnings: string[] }> {
  const locale = checkLocale(options.locale);
  const warnings: string[] = [];
  const documents: XliffDocument[] = [];
  const glossary = glossaryNotes(locale);
  for (const ref of options.documents) {
    const uid = uidOf(ref.type);
    const source = await currentSourceRevision(strapi, uid, ref.documentId);
    if (!source) {
      warnings.push(`${originalOf(ref.type, ref.documentId)}: no English version, skipped`);
      continue;
    }
    await recordSourceSnapshot(strapi, uid, ref.documentId, source);
    const target =
      ((await findVersion(strapi, uid, ref.documentId, locale, 'draft')) as Version | null) ??
      ((await findVersion(strapi, uid, ref.documentId, locale, 'published')) as Version | null);
    const title = typeof source.fields.title === 'string' ? source.fields.title : '';
    const exported = exportDocument({
      original: originalOf(ref.type, ref.documentId),
      fields: TRANSLATED_TYPES[ref.type].fields,
      source: source.fields,
      translation: target ? pickSourceFields(uid, target) : null,
      revision: source.revision,
      revisionDate: source.date,
      notes: [
        `Document: ${ref.type} “${title}” (documentId ${ref.documentId})`,
        `English revision of ${source.date ?? 'unknown date'}; import writes the translation as a ${locale} draft, never published`,
        describeTranslation(locale, target, source),
      ],
      glossary,
    });
    documents.push(exported.document);
    warnings.push(...exported.warnings);
  }
  if (!documents.length) throw new XliffUserError('nothing to export');
  return { xml: await writeXliff({ sourceLanguage: SOURCE_LOCALE, targetLanguage: locale, documents }), warnings };
}

/** The CMS locale of a file's target-language: `fa`, or `fa-IR` as some CAT tools write it. */
function targetLocaleOf(language: string): string {
  const exact = TARGET_LOCALES.find((code) => code.toLowerCase() === language.toLowerCase());
  const primary = TARGET_LOCALES.find((code) => code.toLowerCase() === language.split(/[-_]/)[0]?.toLowerCase());
  const locale = exact ?? primary;
  if (!locale)
    throw new XliffUserError(
      `the file's target-language "${language}" is not a translation locale of this CMS (${TARGET_LOCALES.join(', ')})`,
    );
  return locale;
}

type Planned = {
  ref: DocumentRef;
  original: string;
  revision: string;
  revisionDate: string | null;
  fields: Record<string, unknown>;
  existing: Version | null;
};

export type ImportResult = {
  locale: string;
  documents: { original: string; created: boolean; revision: string }[];
  warnings: string[];
};

/** Nested Strapi data from field paths (`seo.metaTitle` → `{ seo: { metaTitle } }`). */
function nest(fields: Record<string, unknown>): Record<string, Record<string, unknown> | unknown> {
  const data: Record<string, any> = {};
  for (const [path, value] of Object.entries(fields)) {
    const [head, ...rest] = path.split('.');
    if (!rest.length) data[head!] = value;
    else (data[head!] ??= {})[rest.join('.')] = value;
  }
  return data;
}

/** A component's own fields, without Strapi's bookkeeping, for writing it back. */
function componentData(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object') return {};
  const { id: _id, __component: _component, documentId: _documentId, ...rest } = value as Record<string, unknown>;
  for (const [key, field] of Object.entries(rest)) {
    // A media field comes populated: write its id.
    if (field && typeof field === 'object' && 'mime' in field && 'id' in field) rest[key] = (field as { id: unknown }).id;
  }
  return rest;
}

/**
 * Reads, checks and writes a translated XLIFF file. Throws XliffUserError (listing every problem)
 * before anything is written when the file cannot be imported whole.
 */
/** What can be checked without the CMS's content: the file itself and its languages. */
export async function readImportFile(xml: string): Promise<{ file: XliffFile; locale: string }> {
  let file: XliffFile;
  try {
    file = await readXliff(xml);
  } catch (error) {
    if (error instanceof XliffFormatError) throw new XliffUserError(error.message);
    throw error;
  }
  if (file.sourceLanguage.toLowerCase().split(/[-_]/)[0] !== SOURCE_LOCALE)
    throw new XliffUserError(
      `the file's source-language is "${file.sourceLanguage}"; this CMS translates from "${SOURCE_LOCALE}"`,
    );
  return { file, locale: targetLocaleOf(file.targetLanguage) };
}

export async function importXliff(strapi: Core.Strapi, xml: string): Promise<ImportResult> {
  const { file, locale } = await readImportFile(xml);

  const problems: string[] = [];
  const warnings: string[] = [];
  const planned: Planned[] = [];
  for (const document of file.documents) {
    const ref = parseOriginal(document.original);
    if (!ref) {
      problems.push(
        `<file original="${document.original}">: not a document of this CMS (expected article/<documentId> or statement/<documentId>)`,
      );
      continue;
    }
    const uid = uidOf(ref.type);
    const current = await currentSourceRevision(strapi, uid, ref.documentId);
    if (!current) {
      problems.push(`${document.original}: no such ${ref.type} in this CMS`);
      continue;
    }
    const source =
      document.revision === current.revision ? current : await sourceSnapshot(strapi, uid, ref.documentId, document.revision);
    if (!source) {
      problems.push(
        `${document.original}: the English text of revision ${document.revision.slice(0, 12)}… was not kept, so the file cannot be matched to it: export again`,
      );
      continue;
    }
    const result = importDocument(document, TRANSLATED_TYPES[ref.type].fields, source.fields);
    problems.push(...result.problems.map((problem) => `${document.original} unit ${problem.unit}: ${problem.message}`));
    if (result.problems.length) continue;
    if (source !== current)
      warnings.push(
        `${document.original}: exported from an older English revision (${source.date ?? document.revisionDate ?? 'date unknown'}); ` +
          `the English has changed since (${current.date ?? 'date unknown'}), so this ${locale} draft is marked as made from the older one (outdated)`,
      );
    const existing = (await strapi.documents(uid).findOne({
      documentId: ref.documentId,
      locale,
      status: 'draft',
      populate: { seo: { populate: '*' }, translation: true },
    } as never)) as Version | null;
    planned.push({
      ref,
      original: document.original,
      revision: document.revision,
      revisionDate: source.date ?? document.revisionDate,
      fields: result.fields,
      existing,
    });
  }
  if (problems.length) throw new XliffUserError(`nothing was imported:\n  ${problems.join('\n  ')}`);

  // All documents or none: a save the CMS refuses (a title too long, …) undoes the ones before it.
  let writing: Planned | undefined;
  try {
    await strapi.db.transaction(async () => {
      for (const plan of planned) {
        writing = plan;
        const data = nest(plan.fields) as Record<string, any>;
        if (data.seo) data.seo = { ...componentData(plan.existing?.seo), ...data.seo };
        data.translation = {
          ...componentData(plan.existing?.translation),
          sourceRevision: plan.revision,
          sourceRevisionDate: plan.revisionDate,
        };
        await strapi.documents(uidOf(plan.ref.type)).update({ documentId: plan.ref.documentId, locale, data } as never);
      }
    });
  } catch (error) {
    const name = (error as Error | undefined)?.name;
    if (name !== 'ValidationError' && name !== 'YupValidationError') throw error;
    const details = (error as { details?: { errors?: { path?: string[]; message?: string }[] } }).details?.errors ?? [];
    const reasons = details.length
      ? details.map((detail) => `${detail.path?.join('.') ?? ''}: ${detail.message ?? ''}`).join('; ')
      : (error as Error).message;
    throw new XliffUserError(`nothing was imported: the CMS refused ${writing?.original ?? 'a document'} (${reasons})`);
  }
  return {
    locale,
    documents: planned.map((plan) => ({ original: plan.original, created: !plan.existing, revision: plan.revision })),
    warnings,
  };
}
