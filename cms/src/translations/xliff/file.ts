// The package has no types; root and CMS tsconfigs both reach this declaration through the reference.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./xliff-package.d.ts" />
/**
 * XLIFF 1.2 files: written with the `xliff` package (units, inline `<g>`/`<x/>`, notes), then given
 * what the package does not write: the XML declaration, a <header> per <file> with the source revision
 * and context notes, and line breaks between elements (never inside <source>, <target> or <note>).
 * Read back with the package for the units, after a check of the envelope (one <xliff version="1.2">
 * in the XLIFF 1.2 namespace, <file>s with <header>/<body>, <trans-unit>s with one <source>) with the
 * same XML parser the package uses (xml-js), which also gives the <header> the package ignores.
 */
import { jsToXliff12, xliff12ToJs, type XliffInline, type XliffJs, type XliffUnit } from 'xliff';
import { xml2js, type Element } from 'xml-js';
import type { Piece, Segment } from './inline';

export const XLIFF_NAMESPACE = 'urn:oasis:names:tc:xliff:document:1.2';

export type FileUnit = { id: string; restype: string; source: Segment; target?: Segment; notes: string[] };

export type XliffDocument = {
  /** `article/<documentId>` or `statement/<documentId>`. */
  original: string;
  /** SHA-256 (hex) of the English source fields the file was made from, and that version's date. */
  revision: string;
  revisionDate: string | null;
  /** More notes for the <header> (title, the translation's state, the glossary's use). */
  notes: string[];
  units: FileUnit[];
};

export type XliffFile = { sourceLanguage: string; targetLanguage: string; documents: XliffDocument[] };

/** The file cannot be used: not XML, not XLIFF 1.2, or not a file this CMS wrote. */
export class XliffFormatError extends Error {
  override name = 'XliffFormatError';
}

const REVISION_NOTE = 'source-revision: ';
const REVISION_DATE_NOTE = 'source-revision-date: ';

// Characters XML 1.0 does not allow in a document (C0 controls other than tab, line feed, carriage return).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function toPackage(segment: Segment): XliffInline[] {
  return segment.map((piece): XliffInline => {
    if (typeof piece === 'string') {
      if (NOT_XML.test(piece)) throw new XliffFormatError(`text holds a character XML cannot carry: ${JSON.stringify(piece)}`);
      return piece;
    }
    if (piece.tag === 'x') return { Standalone: { id: piece.id, ctype: piece.ctype } };
    return { GenericSpan: { id: piece.id, ctype: piece.ctype, contents: toPackage(piece.contents) } };
  });
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Attribute values the package writes as they are (it escapes only quotes): nothing to escape in them. */
function safeAttribute(value: string): string {
  if (/[<>&"']/.test(value) || NOT_XML.test(value))
    throw new XliffFormatError(`unexpected characters in ${JSON.stringify(value)}`);
  return value;
}

/** The file's text: XLIFF 1.2, one <file> per document. */
export async function writeXliff(file: XliffFile): Promise<string> {
  const js: XliffJs = { sourceLanguage: file.sourceLanguage, targetLanguage: file.targetLanguage, resources: {} };
  for (const document of file.documents) {
    const units: Record<string, XliffUnit> = {};
    for (const unit of document.units) {
      const entry: XliffUnit = {
        source: toPackage(unit.source),
        additionalAttributes: { 'xml:space': 'preserve', resname: safeAttribute(unit.id), restype: safeAttribute(unit.restype) },
      };
      if (unit.target) entry.target = toPackage(unit.target);
      for (const note of unit.notes)
        if (NOT_XML.test(note)) throw new XliffFormatError(`a note holds a character XML cannot carry: ${JSON.stringify(note)}`);
      if (unit.notes.length) entry.note = unit.notes;
      units[safeAttribute(unit.id)] = entry;
    }
    js.resources[safeAttribute(document.original)] = units;
  }
  const body = await jsToXliff12(js, { indent: '' });

  // The package writes one line; a header goes before each <body>, in the order of the documents.
  let index = 0;
  const withHeaders = body.replace(/<body>|<body\/>/g, (tag) => {
    const document = file.documents[index++]!;
    const notes = [
      `${REVISION_NOTE}${document.revision}`,
      ...(document.revisionDate ? [`${REVISION_DATE_NOTE}${document.revisionDate}`] : []),
      ...document.notes,
    ];
    const header = `<header>${notes.map((note) => `\n      <note>${escapeText(note)}</note>`).join('')}\n    </header>`;
    return `${header}${tag}`;
  });
  // Line breaks and indentation between elements only: text is escaped, so '<' starts a tag.
  const pretty = withHeaders
    .replace(/<file /g, '\n  <file ')
    .replace(/<header>/g, '\n    <header>')
    .replace(/<body>/g, '\n    <body>')
    .replace(/<trans-unit /g, '\n      <trans-unit ')
    .replace(/(<\/source>|<\/target>|<\/note>|<trans-unit [^>]*>)(?=<(source|target|note)\b)/g, '$1\n        ')
    .replace(/<\/trans-unit>/g, '\n      </trans-unit>')
    .replace(/<\/body>/g, '\n    </body>')
    .replace(/<\/file>/g, '\n  </file>')
    .replace(/<\/xliff>/g, '\n</xliff>');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${pretty}\n`;
}

// ---------------------------------------------------------------------------------------------
// Reading

function fromPackage(value: XliffInline | undefined, where: string): Segment {
  if (value === undefined || value === '') return [];
  const items = Array.isArray(value) ? value : [value];
  const out: Segment = [];
  for (const item of items) {
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    if (Array.isArray(item)) {
      out.push(...fromPackage(item, where));
      continue;
    }
    const [kind, data] = Object.entries(item)[0] ?? [];
    const id = typeof data?.id === 'string' ? data.id : '';
    const ctype = typeof data?.ctype === 'string' ? data.ctype : '';
    if (!id && kind !== 'Marker') throw new XliffFormatError(`${where}: an inline tag has no id`);
    let piece: Piece | Segment;
    if (kind === 'GenericSpan') piece = { tag: 'g', id, ctype, contents: fromPackage(data?.contents as XliffInline, where) };
    else if (kind === 'Standalone') piece = { tag: 'x', id, ctype };
    // <mrk> only marks a stretch (some tools mark segments with it): its text counts, the mark does not.
    else if (kind === 'Marker') piece = fromPackage(data?.contents as XliffInline, where);
    else throw new XliffFormatError(`${where}: inline element ${describeKind(kind)} is not supported (only <g>, <x/> and <mrk>)`);
    if (Array.isArray(piece)) out.push(...piece);
    else out.push(piece);
  }
  return out;
}

function describeKind(kind: string | undefined): string {
  const tags: Record<string, string> = {
    GenericSpanStart: '<bx/>',
    GenericSpanEnd: '<ex/>',
    Span: '<ph>',
    SpanStart: '<bpt>',
    SpanEnd: '<ept>',
  };
  return (kind && tags[kind]) ?? `"${kind}"`;
}

const elementsOf = (element: Element | undefined) => (element?.elements ?? []).filter((child) => child.type === 'element');
const textOf = (element: Element) =>
  (element.elements ?? [])
    .map((child) => (child.type === 'text' || child.type === 'cdata' ? String(child.text ?? child.cdata ?? '') : ''))
    .join('');

/** Everything the package does not look at, checked first: a file the package would misread is refused. */
function readEnvelope(xml: string): { root: Element; files: Element[] } {
  if (NOT_XML.test(xml)) throw new XliffFormatError('not well-formed XML: it contains a control character XML does not allow');
  // The parser knows HTML's entities (&nbsp;, …); XML has five, and character references.
  const bare = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)[^\s;]{0,12};?/.exec(
    xml.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, ''),
  );
  if (bare) throw new XliffFormatError(`not well-formed XML: "${bare[0]}" is not an XML entity (write &amp; for &)`);
  let document: Element;
  try {
    document = xml2js(xml, { captureSpacesBetweenElements: true }) as Element;
  } catch (error) {
    throw new XliffFormatError(`not well-formed XML: ${(error as Error).message.split('\n').join(' ').trim()}`);
  }
  const top = document.elements ?? [];
  if (top.some((node) => node.type === 'doctype')) throw new XliffFormatError('not XLIFF: a DOCTYPE is not allowed');
  if (top.some((node) => node.type === 'text' && String(node.text).trim()))
    throw new XliffFormatError('not well-formed XML: text outside the root element');
  const roots = top.filter((node) => node.type === 'element');
  if (roots.length !== 1) throw new XliffFormatError(`not well-formed XML: ${roots.length} root elements`);
  const root = roots[0]!;
  // The parser leaves `parent` on an element whose end tag never came (a cut-off file).
  const unclosed = (element: Element): Element | undefined =>
    'parent' in element ? element : elementsOf(element).map(unclosed).find(Boolean);
  const open = unclosed(root);
  if (open) throw new XliffFormatError(`not well-formed XML: <${open.name}> is never closed`);

  if (root.name !== 'xliff') throw new XliffFormatError(`not XLIFF: the root element is <${root.name}>, not <xliff>`);
  if (root.attributes?.version !== '1.2')
    throw new XliffFormatError(`not XLIFF 1.2: version="${String(root.attributes?.version ?? '')}" (export again from this CMS)`);
  if (root.attributes?.xmlns !== XLIFF_NAMESPACE)
    throw new XliffFormatError(`not XLIFF 1.2: the namespace is not ${XLIFF_NAMESPACE}`);

  const files: Element[] = [];
  const originals = new Set<string>();
  for (const child of elementsOf(root)) {
    if (child.name !== 'file') throw new XliffFormatError(`unexpected element <${child.name}> in <xliff>`);
    const original = String(child.attributes?.original ?? '');
    if (!original) throw new XliffFormatError('a <file> has no "original" attribute');
    if (originals.has(original)) throw new XliffFormatError(`<file original="${original}"> appears twice`);
    originals.add(original);
    const parts = elementsOf(child);
    const names = parts.map((part) => part.name).join(',');
    if (names !== 'body' && names !== 'header,body')
      throw new XliffFormatError(
        `<file original="${original}"> must hold an optional <header> and one <body> (it holds: ${names})`,
      );
    const ids = new Set<string>();
    for (const unit of elementsOf(parts.at(-1))) {
      if (unit.name !== 'trans-unit')
        throw new XliffFormatError(`<file original="${original}">: unexpected <${unit.name}> in <body> (only <trans-unit>s)`);
      const id = String(unit.attributes?.id ?? '');
      if (!id) throw new XliffFormatError(`<file original="${original}">: a <trans-unit> has no id`);
      if (ids.has(id)) throw new XliffFormatError(`<file original="${original}">: unit ${id} appears twice`);
      ids.add(id);
      const count = (name: string) => elementsOf(unit).filter((part) => part.name === name).length;
      if (count('source') !== 1) throw new XliffFormatError(`unit ${id}: a <trans-unit> needs exactly one <source>`);
      if (count('target') > 1) throw new XliffFormatError(`unit ${id}: more than one <target>`);
    }
    files.push(child);
  }
  if (!files.length) throw new XliffFormatError('the file holds no <file> element: nothing to import');
  return { root, files };
}

/** Reads a file this CMS wrote (and a CAT tool translated). Throws XliffFormatError when it cannot. */
export async function readXliff(xml: string): Promise<XliffFile> {
  const { files } = readEnvelope(xml);
  const languages = (name: 'source-language' | 'target-language') => [
    ...new Set(files.map((file) => String(file.attributes?.[name] ?? ''))),
  ];
  const [sourceLanguage, ...otherSources] = languages('source-language');
  const [targetLanguage, ...otherTargets] = languages('target-language');
  if (!sourceLanguage || otherSources.length) throw new XliffFormatError('the <file>s do not share one source-language');
  if (!targetLanguage || otherTargets.length) throw new XliffFormatError('the <file>s do not share one target-language');

  let js: XliffJs;
  try {
    js = await xliff12ToJs(xml, { captureSpacesBetweenElements: true });
  } catch (error) {
    throw new XliffFormatError(`the xliff package cannot read it: ${(error as Error).message}`);
  }

  const documents = files.map((file): XliffDocument => {
    const original = String(file.attributes!.original);
    const header = elementsOf(file).find((part) => part.name === 'header');
    const notes = elementsOf(header)
      .filter((part) => part.name === 'note')
      .map(textOf);
    const revision =
      notes
        .find((note) => note.startsWith(REVISION_NOTE))
        ?.slice(REVISION_NOTE.length)
        .trim() ?? '';
    if (!/^[0-9a-f]{64}$/.test(revision))
      throw new XliffFormatError(
        `<file original="${original}"> does not say which English revision it was made from (its header's "${REVISION_NOTE}" note)`,
      );
    const revisionDate =
      notes
        .find((note) => note.startsWith(REVISION_DATE_NOTE))
        ?.slice(REVISION_DATE_NOTE.length)
        .trim() || null;
    const resource = js.resources[original] ?? {};
    const units = Object.entries(resource).map(([id, unit]): FileUnit => {
      const where = `unit ${id}`;
      const found: FileUnit = {
        id,
        restype: unit.additionalAttributes?.restype ?? '',
        source: fromPackage(unit.source, where),
        notes: unit.note === undefined ? [] : ([] as string[]).concat(unit.note),
      };
      if (unit.target !== undefined) found.target = fromPackage(unit.target, where);
      return found;
    });
    return { original, revision, revisionDate, notes: notes.filter((note) => !note.startsWith('source-revision')), units };
  });
  return { sourceLanguage, targetLanguage, documents };
}
