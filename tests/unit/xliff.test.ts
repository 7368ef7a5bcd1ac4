import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { TRANSLATED_TYPES } from '../../cms/src/translations/source-fields';
import { exportDocument, importDocument, parseOriginal } from '../../cms/src/translations/xliff/document';
import { readXliff, writeXliff, XliffFormatError, type XliffDocument } from '../../cms/src/translations/xliff/file';
import {
  inlineToSegment,
  MARKS,
  segmentText,
  segmentToInline,
  canonicalInline,
  type InlineNode,
  type Segment,
  type TextLeaf,
} from '../../cms/src/translations/xliff/inline';
import { ensureEngine, engines } from '../../scripts/lib/system-packages';
import { ROOT } from '../../scripts/lib/repo-dirs';

const FIELDS = TRANSLATED_TYPES.article.fields;
const STATEMENT_FIELDS = TRANSLATED_TYPES.statement.fields;
const REVISION = 'c'.repeat(64);
const SCHEMA_DIR = path.join(ROOT, 'tests/fixtures/xliff');

const t = (text: string, marks: Partial<Record<(typeof MARKS)[number], true>> = {}): TextLeaf => ({
  type: 'text',
  text,
  ...marks,
});
const link = (url: string, ...children: TextLeaf[]): InlineNode => ({ type: 'link', url, children });

/** An English article with every kind of block and mark the editor makes. */
const english = {
  title: 'The 1988 massacre & its <perpetrators>',
  excerpt: 'Khomeini ordered it.\nThousands died.',
  'seo.metaTitle': 'The 1988 massacre',
  'seo.metaDescription': null,
  body: [
    { type: 'heading', level: 2, children: [t('Who '), t('ordered', { italic: true }), t(' it')] },
    {
      type: 'paragraph',
      children: [
        t('A '),
        t('bold ', { bold: true }),
        t('and both', { bold: true, italic: true }),
        t(', '),
        t('underlined', { underline: true }),
        t(', '),
        t('struck', { strikethrough: true }),
        t(' and '),
        t('code()', { code: true }),
        t(' – see '),
        link('https://example.org/report?a=1&b=2', t('the '), t('report', { bold: true })),
        t('.\nA second line.'),
      ],
    },
    {
      type: 'list',
      format: 'ordered',
      children: [
        { type: 'list-item', children: [t('First, by '), t('Khomeini', { bold: true })] },
        {
          type: 'list',
          format: 'unordered',
          indentLevel: 1,
          children: [{ type: 'list-item', children: [t('nested '), link('https://example.org/n', t('link'))] }],
        },
        { type: 'list-item', children: [t('Second')] },
      ],
    },
    { type: 'quote', children: [t('“We will not forget.”', { italic: true })] },
    { type: 'paragraph', children: [t('')] },
    { type: 'code', children: [t('const x = 1;')] },
    {
      type: 'image',
      image: { url: '/uploads/a.png', alternativeText: 'Prisoners in 1988', width: 10, height: 10 },
      children: [t('')],
    },
    { type: 'heading', level: 3, children: [t('Death Commission')] },
  ],
};

/** Its Persian translation: the same structure, other text, formatting where Persian puts it. */
const persian = {
  title: 'کشتار ۱۳۶۷ و <عاملان> آن',
  excerpt: 'خمینی دستور داد.\nهزاران نفر کشته شدند.',
  'seo.metaTitle': 'کشتار ۱۳۶۷',
  'seo.metaDescription': null,
  body: [
    { type: 'heading', level: 2, children: [t('چه کسی '), t('دستور', { italic: true }), t(' داد')] },
    {
      type: 'paragraph',
      children: [
        t('یک '),
        t('پررنگ ', { bold: true }),
        t('و هر دو', { bold: true, italic: true }),
        t('، '),
        t('زیرخط', { underline: true }),
        t('، '),
        t('خط‌خورده', { strikethrough: true }),
        t(' و '),
        t('code()', { code: true }),
        t(' – نگاه کنید به '),
        link('https://example.org/report?a=1&b=2', t('گزارش', { bold: true }), t(' کامل')),
        t('.\nسطر دوم.'),
      ],
    },
    {
      type: 'list',
      format: 'ordered',
      children: [
        { type: 'list-item', children: [t('نخست، به دستور '), t('خمینی', { bold: true })] },
        {
          type: 'list',
          format: 'unordered',
          indentLevel: 1,
          children: [{ type: 'list-item', children: [t('تو در تو '), link('https://example.org/n', t('پیوند'))] }],
        },
        { type: 'list-item', children: [t('دوم')] },
      ],
    },
    { type: 'quote', children: [t('«فراموش نمی‌کنیم.»', { italic: true })] },
    { type: 'paragraph', children: [t('')] },
    { type: 'code', children: [t('const x = 1;')] },
    {
      type: 'image',
      image: { url: '/uploads/a.png', alternativeText: 'زندانیان در ۱۳۶۷', width: 10, height: 10 },
      children: [t('')],
    },
    { type: 'heading', level: 3, children: [t('هیئت مرگ')] },
  ],
};

function documentOf(
  source: Record<string, unknown>,
  translation: Record<string, unknown> | null,
  fields: readonly string[] = FIELDS,
) {
  return exportDocument({
    original: 'article/abc123',
    fields,
    source,
    translation,
    revision: REVISION,
    revisionDate: '2026-01-02T03:04:05.000Z',
    notes: ['Document: article'],
    glossary: (text) => (text.includes('Khomeini') ? ['Glossary: Khomeini → fa: خمینی'] : []),
  });
}

const fileOf = (...documents: XliffDocument[]) => writeXliff({ sourceLanguage: 'en', targetLanguage: 'fa', documents });

async function roundTrip(
  source: Record<string, unknown>,
  translation: Record<string, unknown>,
  fields: readonly string[] = FIELDS,
) {
  const xml = await fileOf(documentOf(source, translation, fields).document);
  const [document] = (await readXliff(xml)).documents;
  return importDocument(document!, fields, source);
}

describe('XLIFF export and import of a document', () => {
  test('the existing translation comes back identical: blocks, headings, nested lists, marks, links, alt text, plain fields', async () => {
    const result = await roundTrip(english, persian);
    expect(result.problems).toEqual([]);
    expect(result.fields).toEqual(persian);
  });

  test('the English exported as its own translation comes back identical too', async () => {
    const result = await roundTrip(english, english);
    expect(result.problems).toEqual([]);
    expect(result.fields).toEqual(english);
  });

  test('the statement fields (lead, call to action) are units too', async () => {
    const statement = {
      title: 'Statement',
      lead: 'Lead text',
      body: [{ type: 'paragraph', children: [t('Body')] }],
      callToAction: 'Sign',
      'seo.metaTitle': null,
      'seo.metaDescription': 'Desc',
    };
    const translated = {
      ...statement,
      title: 'بیانیه',
      lead: 'پیش',
      body: [{ type: 'paragraph', children: [t('متن')] }],
      callToAction: 'امضا',
      'seo.metaDescription': 'شرح',
    };
    const { document } = documentOf(statement, translated, STATEMENT_FIELDS);
    expect(document.units.map((unit) => unit.id)).toEqual(['title', 'lead', 'body/0', 'callToAction', 'seo.metaDescription']);
    expect((await roundTrip(statement, translated, STATEMENT_FIELDS)).fields).toEqual(translated);
  });

  test('one unit per paragraph, heading, list item (nested too), quote, image alt text and plain field; code and empty blocks are not units', () => {
    const { document } = documentOf(english, null);
    expect(document.units.map((unit) => [unit.id, unit.restype])).toEqual([
      ['title', 'x-text'],
      ['excerpt', 'x-text'],
      ['body/0', 'x-heading'],
      ['body/1', 'x-paragraph'],
      ['body/2/0', 'x-list-item'],
      ['body/2/1/0', 'x-list-item'],
      ['body/2/2', 'x-list-item'],
      ['body/3', 'x-quote'],
      ['body/6/alt', 'x-image-alt'],
      ['body/7', 'x-heading'],
      ['seo.metaTitle', 'x-text'],
    ]);
    expect(document.units.every((unit) => unit.target === undefined)).toBe(true);
  });

  test('the file: declaration, XLIFF 1.2, languages, one <file> per document, preserved space, no indentation inside segments, notes', async () => {
    const xml = await fileOf(documentOf(english, persian).document, {
      ...documentOf(english, null).document,
      original: 'statement/s1',
    });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<xliff ')).toBe(true);
    expect(xml).toContain('version="1.2"');
    expect(xml).toContain('xmlns="urn:oasis:names:tc:xliff:document:1.2"');
    expect(xml.match(/<file original="[^"]+" datatype="plaintext" source-language="en" target-language="fa">/g)).toHaveLength(2);
    expect(xml).toContain(`<note>source-revision: ${REVISION}</note>`);
    expect(xml).toContain('<note>source-revision-date: 2026-01-02T03:04:05.000Z</note>');
    const units = xml.match(/<trans-unit [^>]*>/g)!;
    expect(units.every((unit) => unit.includes('xml:space="preserve"'))).toBe(true);
    // Every <source>/<target> on one line, starting right after the tag: nothing added inside.
    for (const segment of xml.match(/<(source|target)>[\s\S]*?<\/\1>/g)!) expect(segment).not.toMatch(/>\s*\n\s+</);
    expect(xml).toContain(
      '<source>A <g id="1" ctype="bold">bold <g id="2" ctype="italic">and both</g></g>, <g id="3" ctype="underlined">underlined</g>, ' +
        '<g id="4" ctype="x-strikethrough">struck</g> and <g id="5" ctype="x-code">code()</g> – see <g id="6" ctype="link">the ' +
        '<g id="7" ctype="bold">report</g></g>.<x id="8" ctype="lb"/>A second line.</source>',
    );
    expect(xml).toContain('<note>Tag &lt;g id="6"&gt; links to https://example.org/report?a=1&amp;b=2</note>');
    expect(xml).toContain('<note>Glossary: Khomeini → fa: خمینی</note>');
    expect(xml).toContain('<note>Field: body, heading, level 2 (block 1 of 8)</note>');
    expect(xml).toContain('<source>The 1988 massacre &amp; its &lt;perpetrators&gt;</source>');
    expect(xml).not.toContain('cms:url');
  });

  test('a translation whose blocks are arranged differently is exported without targets for that field, with a warning', () => {
    const reordered = { ...persian, body: [...persian.body].reverse() };
    const { document, warnings } = documentOf(english, reordered);
    expect(warnings).toEqual([expect.stringContaining('article/abc123: body: the translation')]);
    expect(document.units.filter((unit) => unit.id.startsWith('body/')).every((unit) => !unit.target)).toBe(true);
    expect(document.units.find((unit) => unit.id === 'title')!.target).toEqual([persian.title]);
  });

  test('formatting the translation has and the English lacks survives; a link to another address takes the English address, with a note', async () => {
    const source = {
      title: 'T',
      body: [{ type: 'paragraph', children: [t('plain '), link('https://en.example/a', t('here'))] }],
    };
    const translation = {
      title: 'ت',
      body: [{ type: 'paragraph', children: [t('ساده', { bold: true }), t(' '), link('https://fa.example/a', t('اینجا'))] }],
    };
    const { document } = documentOf(source, translation);
    const unit = document.units.find((u) => u.id === 'body/0')!;
    expect(unit.notes).toContain(
      'The translation linked to https://fa.example/a; the English links to https://en.example/a (import uses the English address).',
    );
    const result = await roundTrip(source, translation);
    expect(result.problems).toEqual([]);
    expect(result.fields.body).toEqual([
      { type: 'paragraph', children: [t('ساده', { bold: true }), t(' '), link('https://en.example/a', t('اینجا'))] },
    ]);
  });

  test("a translation follows the block editor's empty text leaves around links when the English has them", async () => {
    const padded = { title: 'T', body: [{ type: 'paragraph', children: [t(''), link('https://x.example', t('a')), t('')] }] };
    const translation = {
      title: 'ت',
      body: [{ type: 'paragraph', children: [t(''), link('https://x.example', t('ب')), t('')] }],
    };
    expect((await roundTrip(padded, translation)).fields.body).toEqual(translation.body);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated inline content

const text = fc.string({
  unit: fc.constantFrom('a', 'b', ' ', 'ش', '&', '<', '>', '"', "'", '\n', '۱', '\u200c'),
  minLength: 1,
  maxLength: 6,
});
const marks = fc.record(Object.fromEntries(MARKS.map((mark) => [mark, fc.constant(true as const)])), { requiredKeys: [] });
const leafArb = fc.tuple(text, marks).map(([value, set]) => ({ type: 'text' as const, text: value, ...set }));
const inlineArb = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: leafArb },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom('https://a.example/x?y=1&z=2', 'https://b.example/'),
          fc.array(leafArb, { minLength: 1, maxLength: 3 }),
        )
        .map(([url, children]) => ({ type: 'link' as const, url, children })),
    },
  ),
  { minLength: 1, maxLength: 8 },
);

describe('generated inline content', () => {
  test('any marks and links survive export, the file, and import (as the editor would store them)', async () => {
    await fc.assert(
      fc.asyncProperty(inlineArb, async (nodes) => {
        fc.pre(segmentText(inlineToSegment(nodes).segment).trim() !== '');
        const source = { title: 'T', body: [{ type: 'paragraph', children: nodes }] };
        const result = await roundTrip(source, source);
        expect(result.problems).toEqual([]);
        expect(result.fields.body).toEqual([{ type: 'paragraph', children: canonicalInline(nodes) }]);
      }),
      { numRuns: 200 },
    );
  });

  test('segments read back through the tags of the source give the same nodes', () => {
    fc.assert(
      fc.property(inlineArb, (nodes) => {
        const { segment, tags } = inlineToSegment(nodes);
        const back = segmentToInline(segment, tags);
        const canonical = canonicalInline(nodes);
        expect(back).toEqual(canonical.length ? canonical : [t('')]);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Files that must be refused

async function exported() {
  return fileOf(documentOf(english, persian).document);
}

async function problemsAfter(edit: (xml: string) => string) {
  const xml = edit(await exported());
  const [document] = (await readXliff(xml)).documents;
  return importDocument(document!, FIELDS, english);
}

describe('refused files', () => {
  test.each([
    ['cut off', (xml: string) => xml.slice(0, xml.length / 2), /not well-formed XML: .*never closed|not well-formed/],
    ['mismatched tags', (xml: string) => xml.replace('</source>', '</target>'), /not well-formed XML/],
    ['an undefined entity', (xml: string) => xml.replace('&amp;', '&nbsp;'), /not well-formed XML/],
    ['not XML at all', () => 'title,body\nT,B\n', /not well-formed XML/],
    [
      'another format',
      () => '<?xml version="1.0"?><resources><string name="a">b</string></resources>',
      /root element is <resources>/,
    ],
    ['XLIFF 2.0', (xml: string) => xml.replace('version="1.2"', 'version="2.0"'), /not XLIFF 1\.2/],
    ['no revision', (xml: string) => xml.replace(/<note>source-revision: [^<]*<\/note>/, ''), /which English revision/],
    [
      'a unit twice',
      (xml: string) => xml.replace(/(<trans-unit id="title"[\s\S]*?<\/trans-unit>)/, '$1$1'),
      /unit title appears twice/,
    ],
    [
      'a <ph> placeholder',
      (xml: string) => xml.replace('<x id="8" ctype="lb"/>', '<ph id="8">\\n</ph>'),
      /<ph> is not supported/,
    ],
    ['a DOCTYPE', (xml: string) => xml.replace('<xliff ', '<!DOCTYPE xliff><xliff '), /DOCTYPE/],
  ])('%s', async (_name, edit, message) => {
    const xml = edit(await exported());
    await expect(readXliff(xml)).rejects.toThrow(XliffFormatError);
    await expect(readXliff(xml)).rejects.toThrow(message);
  });

  test('a missing unit, an extra unit, an empty or missing target, a changed source: each named', async () => {
    const { problems } = await problemsAfter((xml) =>
      xml
        .replace(/<trans-unit id="excerpt"[\s\S]*?<\/trans-unit>/, '')
        .replace(
          /(<trans-unit id="title"[\s\S]*?<\/trans-unit>)/,
          '$1<trans-unit id="body/99"><source>x</source><target>y</target></trans-unit>',
        )
        .replace(/(<trans-unit id="body\/2\/2"[^>]*>\s*<source>[^<]*<\/source>\s*)<target>[^<]*<\/target>/, '$1<target></target>')
        .replace(/(<trans-unit id="body\/3"[^>]*>\s*<source>[\s\S]*?<\/source>\s*)<target>[\s\S]*?<\/target>/, '$1')
        .replace('<source>Death Commission</source>', '<source>Death Committee</source>'),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        { unit: 'body/99', message: 'the English source has no such unit' },
        { unit: 'excerpt', message: 'missing from the file' },
        { unit: 'body/2/2', message: 'has no translation (empty or missing <target>)' },
        { unit: 'body/3', message: 'has no translation (empty or missing <target>)' },
        { unit: 'body/7', message: 'its <source> is not the English text of the exported revision' },
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  test.each([
    ['a link tag the source does not have', '<g id="99" ctype="link">x</g>', /link tag <g id="99"> is not in the source/],
    ['a tag whose meaning was changed', '<g id="6" ctype="bold">x</g>', /tag id="6" is "bold" here but "link" in the source/],
    ['an unknown ctype', '<g id="50" ctype="x-blink">x</g>', /unknown ctype "x-blink"/],
    ['a placeholder that is not a line break', '<x id="50" ctype="image"/>', /is not a line break/],
    ['a link inside a link', '<g id="6" ctype="link">a<g id="6" ctype="link">b</g></g>', /inside another link/],
  ])('tampered tags in a target: %s', async (_name, tag, message) => {
    const { problems, fields } = await problemsAfter((xml) =>
      xml.replace(/(<trans-unit id="body\/1"[^>]*>\s*<source>[\s\S]*?<\/source>\s*<target>)/, `$1${tag}`),
    );
    expect(fields).toEqual({});
    expect(problems).toEqual([{ unit: 'body/1', message: expect.stringMatching(message) }]);
  });

  test('a plain-text field refuses formatting', async () => {
    const { problems } = await problemsAfter((xml) =>
      xml.replace(/(<trans-unit id="title"[^>]*>\s*<source>[^<]*<\/source>\s*<target>)/, '$1<g id="1" ctype="bold">x</g>'),
    );
    expect(problems).toEqual([{ unit: 'title', message: 'this field is plain text: the target may not have formatting tags' }]);
  });

  test('a target as a CAT tool may write it (tags moved, text changed, target-language with a region) imports', async () => {
    const xml = (await exported())
      .replace(/target-language="fa"/, 'target-language="fa-IR"')
      .replace(
        /(<trans-unit id="body\/0"[^>]*>\s*<source>[\s\S]*?<\/source>\s*<target>)[\s\S]*?(<\/target>)/,
        '$1<g id="1" ctype="italic">کی</g> دستور داد$2',
      );
    const file = await readXliff(xml);
    expect(file.targetLanguage).toBe('fa-IR');
    const { fields, problems } = importDocument(file.documents[0]!, FIELDS, english);
    expect(problems).toEqual([]);
    expect((fields.body as unknown[])[0]).toEqual({
      type: 'heading',
      level: 2,
      children: [t('کی', { italic: true }), t(' دستور داد')],
    });
  });

  test('originals name an article or the statement', () => {
    expect(parseOriginal('article/abc123')).toEqual({ type: 'article', documentId: 'abc123' });
    expect(parseOriginal('statement/s1')).toEqual({ type: 'statement', documentId: 's1' });
    expect(parseOriginal('page/abc')).toBeNull();
    expect(parseOriginal('messages.json')).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// An independent reader: libxml2's xmllint, and the OASIS XLIFF 1.2 strict schema

describe('read by xmllint', () => {
  let xmllint: string;
  let dir: string;
  beforeAll(() => {
    xmllint = ensureEngine(engines.xmllint);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xliff-'));
  });

  const lint = (file: string, ...args: string[]) =>
    spawnSync(xmllint, ['--nonet', ...args, file], {
      encoding: 'utf8',
      env: { ...process.env, XML_CATALOG_FILES: path.join(SCHEMA_DIR, 'catalog.xml') },
    });

  test('the export is valid against the XLIFF 1.2 strict schema', async () => {
    const file = path.join(dir, 'export.xlf');
    fs.writeFileSync(
      file,
      await fileOf(documentOf(english, persian).document, { ...documentOf(english, null).document, original: 'statement/s1' }),
    );
    const result = lint(file, '--noout', '--schema', path.join(SCHEMA_DIR, 'xliff-core-1.2-strict.xsd'));
    expect(result.stderr).toContain('validates');
    expect(result.status).toBe(0);
  });

  test('the schema check can fail: a value XLIFF 1.2 does not allow is reported', async () => {
    const file = path.join(dir, 'invalid.xlf');
    fs.writeFileSync(file, (await exported()).replace('restype="x-paragraph"', 'restype="paragraph"'));
    const result = lint(file, '--noout', '--schema', path.join(SCHEMA_DIR, 'xliff-core-1.2-strict.xsd'));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("'paragraph' is not a valid value");
  });

  test('xmllint reads the same units, sources and targets, unit for unit', async () => {
    const xml = await exported();
    const file = path.join(dir, 'units.xlf');
    fs.writeFileSync(file, xml);
    const [document] = (await readXliff(xml)).documents;
    const xpath = (expression: string) => {
      const result = lint(file, '--xpath', expression);
      expect(result.status, result.stderr).toBe(0);
      return result.stdout.replace(/\n$/, '');
    };
    const unit = (id: string) => `//*[local-name()='trans-unit'][@id='${id}']`;
    expect(Number(xpath("count(//*[local-name()='trans-unit'])"))).toBe(document!.units.length);
    for (const found of document!.units) {
      // xmllint's string value of <source>/<target>: the text without tags (a line break is an <x/>).
      const plain = (segment: typeof found.source) => segmentText(segment).replace(/\n/g, '');
      expect(xpath(`string(${unit(found.id)}/*[local-name()='source'])`)).toBe(plain(found.source));
      expect(xpath(`string(${unit(found.id)}/*[local-name()='target'])`)).toBe(plain(found.target!));
      const tags = (segment: Segment): number =>
        segment.reduce(
          (sum: number, piece) => sum + (typeof piece === 'string' ? 0 : piece.tag === 'g' ? 1 + tags(piece.contents) : 1),
          0,
        );
      expect(Number(xpath(`count(${unit(found.id)}/*[local-name()='source']//*)`))).toBe(tags(found.source));
      expect(Number(xpath(`count(${unit(found.id)}/*[local-name()='target']//*)`))).toBe(tags(found.target!));
    }
    expect(xpath(`string(${unit('body/1')}/*[local-name()='target']/*[local-name()='g'][@id='6']/@ctype)`)).toBe('link');
  });
});
