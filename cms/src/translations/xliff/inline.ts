/**
 * The text of one translation unit: Strapi rich-text inline nodes (text leaves with marks, links) as
 * XLIFF 1.2 inline markup, and back.
 *
 * - Each mark is a `<g>` whose `ctype` says which (XLIFF 1.2's own `bold`, `italic`, `underlined`, and
 *   `x-strikethrough`, `x-code` where 1.2 has no value); combined marks are nested `<g>`s.
 * - A link is a `<g ctype="link">`. Its URL is NOT written into the tag: the strict XLIFF 1.2 schema
 *   validates attributes from other namespaces strictly (an unknown `cms:url` makes the file invalid),
 *   and CAT tools copy a source tag into the target by its `id`, not by its attributes. The URL stays
 *   with the English source unit (the translator reads it in a <note>); on import the `id` of the
 *   target's link tag names the source's link, whose URL is used.
 * - A line break inside a paragraph ("\n", Shift+Enter in the editor) is `<x ctype="lb"/>`, so that no
 *   segment carries a raw newline a CAT tool might reflow (and which the xliff package trims off the end
 *   of a text run when it reads a file).
 * Ids are numbers in document order, unique within the unit.
 */

export const MARKS = ['bold', 'italic', 'underline', 'strikethrough', 'code'] as const;
export type Mark = (typeof MARKS)[number];

export const MARK_CTYPE: Record<Mark, string> = {
  bold: 'bold',
  italic: 'italic',
  underline: 'underlined',
  strikethrough: 'x-strikethrough',
  code: 'x-code',
};
const CTYPE_MARK = new Map<string, Mark>(MARKS.map((mark) => [MARK_CTYPE[mark], mark]));
export const LINK_CTYPE = 'link';
export const LINE_BREAK_CTYPE = 'lb';

/** Rich-text inline nodes, as Strapi stores them (JSON: a mark may be stored as false). */
export type TextLeaf = { type: 'text'; text: string } & { [mark in Mark]?: boolean };
export type LinkNode = { type: 'link'; url: string; children: TextLeaf[] };
export type InlineNode = TextLeaf | LinkNode;

/** A `<g>`: a span with its contents. */
export type Span = { tag: 'g'; id: string; ctype: string; contents: Segment };
/** An `<x/>`: a line break. */
export type Placeholder = { tag: 'x'; id: string; ctype: string };
export type Piece = string | Span | Placeholder;
export type Segment = Piece[];

/** What a source tag stands for, by its id: what the target's tag with that id must mean. */
export type TagMeaning = { ctype: string; url?: string };
export type TagTable = Map<string, TagMeaning>;

/** A problem in one unit's target, reported with the unit's id by the caller. */
export class UnitError extends Error {
  override name = 'UnitError';
}

const marksOf = (leaf: TextLeaf): Mark[] => MARKS.filter((mark) => leaf[mark] === true);
const sameMarks = (a: TextLeaf, b: TextLeaf) => MARKS.every((mark) => (a[mark] === true) === (b[mark] === true));

function leaf(text: string, marks: Iterable<Mark>): TextLeaf {
  const node: TextLeaf = { type: 'text', text };
  for (const mark of MARKS) if ([...marks].includes(mark)) node[mark] = true;
  return node;
}

/** Adjacent leaves with the same marks merged, empty leaves dropped: the form Strapi's editor keeps. */
export function canonicalInline(nodes: readonly InlineNode[]): InlineNode[] {
  const out: InlineNode[] = [];
  for (const node of nodes) {
    if (node.type === 'link') {
      out.push({ type: 'link', url: node.url, children: canonicalLeaves(node.children) });
      continue;
    }
    if (node.text === '') continue;
    const last = out.at(-1);
    if (last?.type === 'text' && sameMarks(last, node)) last.text += node.text;
    else out.push(leaf(node.text, marksOf(node)));
  }
  return out;
}

function canonicalLeaves(nodes: readonly TextLeaf[]): TextLeaf[] {
  const leaves = canonicalInline(nodes) as TextLeaf[];
  return leaves.length ? leaves : [{ type: 'text', text: '' }];
}

/**
 * Whether these nodes follow the block editor's (Slate's) rule that a link is never first, last or next
 * to another link without an empty text leaf between: then a translation built from them must too.
 */
export function padsLinks(nodes: readonly InlineNode[]): boolean {
  return nodes.some(
    (node, i) => node.type === 'text' && node.text === '' && (nodes[i - 1]?.type === 'link' || nodes[i + 1]?.type === 'link'),
  );
}

function padLinks(nodes: InlineNode[]): InlineNode[] {
  const out: InlineNode[] = [];
  for (const node of nodes) {
    if (node.type === 'link' && (out.length === 0 || out.at(-1)?.type === 'link')) out.push({ type: 'text', text: '' });
    out.push(node);
  }
  if (out.at(-1)?.type === 'link') out.push({ type: 'text', text: '' });
  return out;
}

/** The plain text of inline nodes (line breaks as "\n"). */
export function inlineText(nodes: readonly InlineNode[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.text : inlineText(node.children))).join('');
}

/** The plain text of a segment (what a reader would read). */
export function segmentText(segment: Segment): string {
  return segment
    .map((piece) =>
      typeof piece === 'string'
        ? piece
        : piece.tag === 'g'
          ? segmentText(piece.contents)
          : piece.ctype === LINE_BREAK_CTYPE
            ? '\n'
            : '',
    )
    .join('');
}

/** Inline nodes as a segment, with what each of its tags means. */
export function inlineToSegment(nodes: readonly InlineNode[]): { segment: Segment; tags: TagTable } {
  const tags: TagTable = new Map();
  let counter = 0;
  const nextId = (meaning: TagMeaning) => {
    const id = String(++counter);
    tags.set(id, meaning);
    return id;
  };

  const text = (value: string): Piece[] =>
    value
      .split('\n')
      .flatMap((part, i) =>
        i === 0 ? [part] : [{ tag: 'x' as const, id: nextId({ ctype: LINE_BREAK_CTYPE }), ctype: LINE_BREAK_CTYPE }, part],
      )
      .filter((piece) => piece !== '');

  // Leaves that all carry the marks in `open`: the longest-running further mark becomes the outer <g>.
  const run = (leaves: readonly TextLeaf[], open: ReadonlySet<Mark>): Segment => {
    const out: Segment = [];
    let i = 0;
    while (i < leaves.length) {
      const current = leaves[i]!;
      const marks = marksOf(current).filter((mark) => !open.has(mark));
      if (!marks.length) {
        out.push(...text(current.text));
        i += 1;
        continue;
      }
      const end = (mark: Mark) => {
        let j = i;
        while (j < leaves.length && leaves[j]![mark] === true) j += 1;
        return j;
      };
      let best = marks[0]!;
      for (const mark of marks) if (end(mark) > end(best)) best = mark;
      const stop = end(best);
      const span: Span = { tag: 'g', id: nextId({ ctype: MARK_CTYPE[best] }), ctype: MARK_CTYPE[best], contents: [] };
      span.contents = run(leaves.slice(i, stop), new Set([...open, best]));
      out.push(span);
      i = stop;
    }
    return out;
  };

  const segment: Segment = [];
  const canonical = canonicalInline(nodes);
  for (let i = 0; i < canonical.length;) {
    const node = canonical[i]!;
    if (node.type === 'link') {
      const span: Span = { tag: 'g', id: nextId({ ctype: LINK_CTYPE, url: node.url }), ctype: LINK_CTYPE, contents: [] };
      span.contents = run(canonicalInline(node.children) as TextLeaf[], new Set());
      segment.push(span);
      i += 1;
      continue;
    }
    let j = i;
    while (j < canonical.length && canonical[j]!.type === 'text') j += 1;
    segment.push(...run(canonical.slice(i, j) as TextLeaf[], new Set()));
    i = j;
  }
  return { segment: mergeStrings(segment), tags };
}

function mergeStrings(segment: Segment): Segment {
  const out: Segment = [];
  for (const piece of segment) {
    if (typeof piece === 'string' && typeof out.at(-1) === 'string') out[out.length - 1] += piece;
    else if (piece !== '') out.push(piece);
  }
  return out;
}

/**
 * A translated segment as inline nodes, its tags read through the source unit's tags:
 * - a tag with an id the source has must mean the same (same ctype; a link takes the source's URL);
 * - a formatting tag (bold, italic, …) the source does not have is kept: its ctype says all it means
 *   (a translation may stress a word the English stresses by word order);
 * - anything else is refused: a link the source does not have (its URL is unknown), an unknown ctype,
 *   a link inside a link, a placeholder other than a line break.
 * `pad` adds the block editor's empty leaves around links (see padsLinks).
 */
export function segmentToInline(segment: Segment, sourceTags: TagTable, pad = false): InlineNode[] {
  const nodes: InlineNode[] = [];
  const walk = (pieces: Segment, marks: ReadonlySet<Mark>, into: InlineNode[], inLink: boolean) => {
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        into.push(leaf(piece, marks));
        continue;
      }
      const known = sourceTags.get(piece.id);
      const ctype = piece.ctype || known?.ctype || '';
      if (known && known.ctype !== ctype)
        throw new UnitError(`tag id="${piece.id}" is ${describe(ctype)} here but ${describe(known.ctype)} in the source`);
      if (piece.tag === 'x') {
        if (ctype !== LINE_BREAK_CTYPE)
          throw new UnitError(`placeholder <x id="${piece.id}"> is not a line break (ctype "${ctype}")`);
        into.push(leaf('\n', marks));
        continue;
      }
      if (ctype === LINK_CTYPE) {
        if (!known?.url) throw new UnitError(`link tag <g id="${piece.id}"> is not in the source, so its address is unknown`);
        if (inLink) throw new UnitError(`link tag <g id="${piece.id}"> is inside another link`);
        const children: InlineNode[] = [];
        walk(piece.contents, marks, children, true);
        into.push({ type: 'link', url: known.url, children: children as TextLeaf[] });
        continue;
      }
      const mark = CTYPE_MARK.get(ctype);
      if (!mark) throw new UnitError(`tag <g id="${piece.id}"> has an unknown ctype "${ctype}"`);
      walk(piece.contents, new Set([...marks, mark]), into, inLink);
    }
  };
  walk(segment, new Set(), nodes, false);
  const canonical = canonicalInline(nodes);
  const result = pad ? padLinks(canonical) : canonical;
  return result.length ? result : [{ type: 'text', text: '' }];
}

function describe(ctype: string): string {
  return ctype ? `"${ctype}"` : 'without a ctype';
}

/**
 * The ids of a translation's tags matched to the source's: the n-th tag of a kind in the translation
 * takes the id of the n-th source tag of that kind (a link first by its URL, then by order); a
 * formatting tag the source lacks gets a new id; a link the source lacks cannot be expressed and is
 * unwrapped (its text kept). Returns the notes to show about what could not be matched.
 */
export function alignTargetTags(target: Segment, source: TagTable, targetTags: TagTable): { segment: Segment; notes: string[] } {
  const notes: string[] = [];
  const used = new Set<string>();
  let fresh = Math.max(0, ...[...source.keys()].map(Number).filter(Number.isFinite));
  const take = (predicate: (meaning: TagMeaning) => boolean) => {
    for (const [id, meaning] of source) {
      if (!used.has(id) && predicate(meaning)) {
        used.add(id);
        return id;
      }
    }
    return undefined;
  };
  const align = (pieces: Segment): Segment =>
    pieces.flatMap((piece): Segment => {
      if (typeof piece === 'string') return [piece];
      const meaning = targetTags.get(piece.id) ?? { ctype: piece.ctype };
      if (piece.tag === 'x') {
        return [{ ...piece, id: take((m) => m.ctype === piece.ctype) ?? String(++fresh) }];
      }
      if (meaning.ctype === LINK_CTYPE) {
        const id =
          take((m) => m.ctype === LINK_CTYPE && m.url === meaning.url) ??
          take((m) => m.ctype === LINK_CTYPE && m.url !== undefined);
        if (!id) {
          notes.push(`The translation links to ${meaning.url}, where the English has no link: the link is not exported.`);
          return align(piece.contents);
        }
        const url = source.get(id)!.url;
        if (url !== meaning.url)
          notes.push(`The translation linked to ${meaning.url}; the English links to ${url} (import uses the English address).`);
        return [{ ...piece, id, contents: align(piece.contents) }];
      }
      return [{ ...piece, id: take((m) => m.ctype === piece.ctype) ?? String(++fresh), contents: align(piece.contents) }];
    });
  return { segment: mergeStrings(align(target)), notes };
}
