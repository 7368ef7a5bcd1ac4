/**
 * A document's translated fields as translation units, and translated units back into fields.
 *
 * One unit per plain field (title, lead, …) and, in a rich-text ("blocks") field, one per paragraph,
 * heading, quote, list item (nested lists too) and image alternative text. Unit ids are the field and
 * the path of the node in the blocks: `title`, `seo.metaTitle`, `body/3` (the fourth block),
 * `body/4/1` (its second list item), `body/4/2/0` (first item of a list nested there), `body/6/alt`.
 * Code blocks, empty paragraphs and anything the CMS adds later are not units: import takes them, and
 * the whole structure (block types, heading levels, list formats and nesting, image files), from the
 * English source; only text and inline formatting come from the translation.
 */
import {
  alignTargetTags,
  inlineText,
  inlineToSegment,
  LINE_BREAK_CTYPE,
  LINK_CTYPE,
  padsLinks,
  segmentText,
  segmentToInline,
  UnitError,
  type InlineNode,
  type Segment,
  type TagTable,
} from './inline';

/** A document's translated fields by path (`seo.metaTitle`), as pickSourceFields gives them. */
export type Fields = Record<string, unknown>;

export type UnitKind = 'text' | 'paragraph' | 'heading' | 'quote' | 'list-item' | 'image-alt';

export type SourceUnit = {
  id: string;
  field: string;
  kind: UnitKind;
  source: Segment;
  /** What the source's tags mean (link addresses), by tag id. */
  tags: TagTable;
  /** For the translator: where the text stands and what its tags are. */
  context: string[];
};

export type ExportUnit = SourceUnit & { target?: Segment; targetNotes: string[] };

type Node = { type?: unknown; children?: unknown; level?: unknown; format?: unknown; image?: { alternativeText?: unknown } };

const isBlocks = (value: unknown): value is Node[] => Array.isArray(value);
const hasText = (text: string) => text.trim() !== '';

/** Where each unit of a rich-text field sits, and what it holds. */
type Slot = { id: string; kind: UnitKind; describe: string; inline?: InlineNode[]; text?: string };

function slotsOf(field: string, blocks: Node[]): Slot[] {
  const slots: Slot[] = [];
  const inline = (node: Node) => (Array.isArray(node.children) ? (node.children as InlineNode[]) : []);
  const add = (id: string, kind: UnitKind, describe: string, nodes: InlineNode[]) => {
    if (hasText(inlineText(nodes))) slots.push({ id, kind, describe, inline: nodes });
  };
  const visitList = (list: Node, path: string, depth: number) => {
    const items = Array.isArray(list.children) ? (list.children as Node[]) : [];
    const format = list.format === 'ordered' ? 'numbered' : 'bulleted';
    items.forEach((item, j) => {
      const id = `${path}/${j}`;
      if (item.type === 'list-item')
        add(id, 'list-item', `item ${j + 1} of a ${format} list${depth ? ` nested ${depth} deep` : ''}`, inline(item));
      else if (item.type === 'list') visitList(item, id, depth + 1);
    });
  };
  blocks.forEach((block, i) => {
    const id = `${field}/${i}`;
    const position = `block ${i + 1} of ${blocks.length}`;
    if (block.type === 'paragraph') add(id, 'paragraph', `paragraph (${position})`, inline(block));
    else if (block.type === 'heading') add(id, 'heading', `heading, level ${String(block.level)} (${position})`, inline(block));
    else if (block.type === 'quote') add(id, 'quote', `quotation (${position})`, inline(block));
    else if (block.type === 'list') visitList(block, id, 0);
    else if (block.type === 'image') {
      const alt = block.image?.alternativeText;
      if (typeof alt === 'string' && hasText(alt))
        slots.push({ id: `${id}/alt`, kind: 'image-alt', describe: `alternative text of an image (${position})`, text: alt });
    }
  });
  return slots;
}

/** The shape of blocks without their text: two versions with the same shape pair unit for unit. */
function shapeOf(value: unknown): string {
  if (!isBlocks(value)) return typeof value;
  const shape = (node: Node): string => {
    const children = Array.isArray(node.children) ? (node.children as Node[]) : [];
    if (node.type === 'list') return `list:${String(node.format)}[${children.map(shape).join(',')}]`;
    if (node.type === 'heading') return `heading:${String(node.level)}`;
    return String(node.type);
  };
  return value.map(shape).join(',');
}

function plainSegment(text: string): { segment: Segment; tags: TagTable } {
  return inlineToSegment([{ type: 'text', text }]);
}

function unitsOfField(field: string, value: unknown): SourceUnit[] {
  if (typeof value === 'string') {
    if (!hasText(value)) return [];
    const { segment, tags } = plainSegment(value);
    return [{ id: field, field, kind: 'text', source: segment, tags, context: [`Field: ${field} (plain text)`] }];
  }
  if (!isBlocks(value)) return [];
  return slotsOf(field, value).map((slot) => {
    const { segment, tags } = slot.inline ? inlineToSegment(slot.inline) : plainSegment(slot.text ?? '');
    const links = [...tags]
      .filter(([, tag]) => tag.ctype === LINK_CTYPE)
      .map(([id, tag]) => `Tag <g id="${id}"> links to ${tag.url}`);
    return {
      id: slot.id,
      field,
      kind: slot.kind,
      source: segment,
      tags,
      context: [`Field: ${field}, ${slot.describe}`, ...links],
    };
  });
}

/** The units of a document's English fields. */
export function sourceUnits(fields: readonly string[], source: Fields): SourceUnit[] {
  return fields.flatMap((field) => unitsOfField(field, source[field]));
}

/**
 * The units of a document with the existing translation as targets. A rich-text field whose
 * translation does not have the English's block structure gets no targets (with a warning): its
 * paragraphs cannot be paired one to one.
 */
export function exportUnits(
  fields: readonly string[],
  source: Fields,
  translation: Fields | null,
): { units: ExportUnit[]; warnings: string[] } {
  const warnings: string[] = [];
  const units: ExportUnit[] = [];
  for (const field of fields) {
    const sourceFieldUnits = unitsOfField(field, source[field]);
    const value = translation?.[field];
    let targets = new Map<string, SourceUnit>();
    if (value !== null && value !== undefined && sourceFieldUnits.length) {
      if (shapeOf(value) === shapeOf(source[field])) targets = new Map(unitsOfField(field, value).map((unit) => [unit.id, unit]));
      else
        warnings.push(
          `${field}: the translation's blocks are not arranged like the English's (paragraphs, headings, lists), so its text is not exported as targets`,
        );
    }
    for (const unit of sourceFieldUnits) {
      const target = targets.get(unit.id);
      if (!target || target.kind !== unit.kind) {
        units.push({ ...unit, targetNotes: [] });
        continue;
      }
      const aligned = alignTargetTags(target.source, unit.tags, target.tags);
      units.push({ ...unit, target: aligned.segment, targetNotes: aligned.notes });
    }
  }
  return { units, warnings };
}

export type ImportProblem = { unit: string; message: string };

const clone = <T>(value: T): T => structuredClone(value);

/** A plain field's text from a segment: line breaks only, no formatting. */
function plainText(segment: Segment): string {
  const formatted = (pieces: Segment): boolean =>
    pieces.some((piece) => typeof piece !== 'string' && (piece.tag === 'g' || piece.ctype !== LINE_BREAK_CTYPE));
  if (formatted(segment)) throw new UnitError('this field is plain text: the target may not have formatting tags');
  return segmentText(segment);
}

/**
 * The translated fields: the English structure at the exported revision with each unit's target
 * text and formatting. Every unit must be there, translated, with tags the source explains;
 * otherwise the problems are returned (all of them) and no fields.
 */
export function importUnits(
  fields: readonly string[],
  source: Fields,
  file: ReadonlyMap<string, { source: Segment; target?: Segment }>,
): { fields: Fields; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const expected = sourceUnits(fields, source);
  const expectedIds = new Set(expected.map((unit) => unit.id));
  for (const id of file.keys())
    if (!expectedIds.has(id)) problems.push({ unit: id, message: 'the English source has no such unit' });

  const translated = new Map<string, Segment>();
  for (const unit of expected) {
    const found = file.get(unit.id);
    if (!found) problems.push({ unit: unit.id, message: 'missing from the file' });
    else if (segmentText(found.source) !== segmentText(unit.source))
      problems.push({ unit: unit.id, message: 'its <source> is not the English text of the exported revision' });
    else if (!found.target || !hasText(segmentText(found.target)))
      problems.push({ unit: unit.id, message: 'has no translation (empty or missing <target>)' });
    else translated.set(unit.id, found.target);
  }
  if (problems.length) return { fields: {}, problems };

  const result: Fields = {};
  for (const field of fields) {
    const value = source[field];
    try {
      if (typeof value === 'string') {
        result[field] = hasText(value) ? plainText(translated.get(field)!) : value;
      } else if (isBlocks(value)) {
        const blocks = clone(value);
        const tagsById = new Map(expected.filter((unit) => unit.field === field).map((unit) => [unit.id, unit.tags]));
        applyToBlocks(
          field,
          blocks,
          (id, nodes) => {
            const target = translated.get(id);
            if (!target) return undefined;
            try {
              return segmentToInline(target, tagsById.get(id)!, padsLinks(nodes));
            } catch (error) {
              if (error instanceof UnitError) problems.push({ unit: id, message: error.message });
              else throw error;
              return undefined;
            }
          },
          (id) => {
            const target = translated.get(id);
            if (!target) return undefined;
            try {
              return plainText(target);
            } catch (error) {
              if (error instanceof UnitError) problems.push({ unit: id, message: error.message });
              else throw error;
              return undefined;
            }
          },
        );
        result[field] = blocks;
      } else result[field] = value ?? null;
    } catch (error) {
      if (error instanceof UnitError) problems.push({ unit: field, message: error.message });
      else throw error;
    }
  }
  return problems.length ? { fields: {}, problems } : { fields: result, problems };
}

/** Replaces, in place, the inline children and image alt texts of the blocks that are units. */
function applyToBlocks(
  field: string,
  blocks: Node[],
  inline: (id: string, nodes: InlineNode[]) => InlineNode[] | undefined,
  alt: (id: string) => string | undefined,
) {
  const replace = (node: Node, id: string) => {
    const next = inline(id, Array.isArray(node.children) ? (node.children as InlineNode[]) : []);
    if (next) node.children = next;
  };
  const visitList = (list: Node, path: string) => {
    const items = Array.isArray(list.children) ? (list.children as Node[]) : [];
    items.forEach((item, j) => {
      if (item.type === 'list-item') replace(item, `${path}/${j}`);
      else if (item.type === 'list') visitList(item, `${path}/${j}`);
    });
  };
  blocks.forEach((block, i) => {
    const id = `${field}/${i}`;
    if (block.type === 'paragraph' || block.type === 'heading' || block.type === 'quote') replace(block, id);
    else if (block.type === 'list') visitList(block, id);
    else if (block.type === 'image' && block.image) {
      const text = alt(`${id}/alt`);
      if (text !== undefined) block.image.alternativeText = text;
    }
  });
}
