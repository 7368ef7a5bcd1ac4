/**
 * One document of the CMS as one <file> of an XLIFF export, and a <file> of a translated export back
 * into the document's translated fields. Pure: the Strapi side is in service.ts.
 */
import { segmentText } from './inline';
import type { XliffDocument } from './file';
import { exportUnits, importUnits, type Fields, type ImportProblem, type UnitKind } from './units';

export const CONTENT_TYPES = ['article', 'statement'] as const;
export type DocumentType = (typeof CONTENT_TYPES)[number];

/** The <file original="…"> of a document: stable, and all the import needs to find it again. */
export const originalOf = (type: DocumentType, documentId: string) => `${type}/${documentId}`;

export function parseOriginal(original: string): { type: DocumentType; documentId: string } | null {
  const match = /^([a-z]+)\/([A-Za-z0-9_-]+)$/.exec(original);
  const type = match?.[1] as DocumentType | undefined;
  return match && type && CONTENT_TYPES.includes(type) ? { type, documentId: match[2]! } : null;
}

/** XLIFF 1.2 `restype`: its own values are for software resources, so ours are `x-` extensions. */
export const RESTYPE: Record<UnitKind, string> = {
  text: 'x-text',
  paragraph: 'x-paragraph',
  heading: 'x-heading',
  quote: 'x-quote',
  'list-item': 'x-list-item',
  'image-alt': 'x-image-alt',
};

/** Glossary notes for a unit's English text: "Khomeini → fa: خمینی", one per entry that occurs in it. */
export type GlossaryNotes = (englishText: string) => string[];

export function exportDocument(input: {
  original: string;
  fields: readonly string[];
  source: Fields;
  translation: Fields | null;
  revision: string;
  revisionDate: string | null;
  notes: string[];
  glossary?: GlossaryNotes;
}): { document: XliffDocument; warnings: string[] } {
  const { units, warnings } = exportUnits(input.fields, input.source, input.translation);
  return {
    document: {
      original: input.original,
      revision: input.revision,
      revisionDate: input.revisionDate,
      notes: input.notes,
      units: units.map((unit) => ({
        id: unit.id,
        restype: RESTYPE[unit.kind],
        source: unit.source,
        ...(unit.target ? { target: unit.target } : {}),
        notes: [...unit.context, ...(input.glossary?.(segmentText(unit.source)) ?? []), ...unit.targetNotes],
      })),
    },
    warnings: warnings.map((warning) => `${input.original}: ${warning}`),
  };
}

/** The translated fields of a <file>, read against the English it was exported from. */
export function importDocument(
  document: XliffDocument,
  fields: readonly string[],
  source: Fields,
): { fields: Fields; problems: ImportProblem[] } {
  return importUnits(fields, source, new Map(document.units.map((unit) => [unit.id, unit])));
}
