import { beforeAll, describe, expect, it } from 'vitest';
import { engines, ensureEngine } from '../../scripts/lib/system-packages';
import { renderPdf } from '../../web/src/share/pdf';
import { contentDisposition, digitsFor, pdfBlocks, readableUrl, type PdfDocument } from '../../web/src/share/pdf-document';
import { normalizeText, readPdf } from '../helpers/pdf';

const SITE = 'https://site.example';

const text = (t: string, marks: Record<string, boolean> = {}) => ({ type: 'text', text: t, ...marks });
const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children });

function doc(locale: string, overrides: Partial<PdfDocument> = {}): PdfDocument {
  return {
    lang: locale,
    dir: locale === 'fa' || locale === 'ar' ? 'rtl' : 'ltr',
    fonts: [locale === 'fa' ? 'Vazirmatn' : 'Noto Sans', 'Noto Sans'],
    paper: 'a4',
    digits: digitsFor(locale),
    title: 'Title',
    lead: null,
    blocks: [],
    callToAction: null,
    provenance: [],
    url: `${SITE}/${locale}/statement`,
    shownUrl: `${SITE}/${locale}/statement`,
    siteName: 'Site',
    readOnline: 'Read online:',
    qrAlt: 'QR code',
    ...overrides,
  };
}

describe('Strapi blocks as PDF blocks', () => {
  it('keeps headings, lists, quotes and marks, and clamps heading levels below the title', () => {
    const blocks = pdfBlocks(
      [
        { type: 'heading', level: 1, children: [text('H')] },
        { type: 'heading', level: 9, children: [text('H9')] },
        { type: 'quote', children: [text('q', { italic: true })] },
        {
          type: 'list',
          format: 'ordered',
          children: [
            { type: 'list-item', children: [text('a', { bold: true, code: true })] },
            { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [text('b')] }] },
          ],
        },
        paragraph(text('x', { bold: true, evil: true } as never)),
      ],
      SITE,
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, children: [{ text: 'H' }] },
      { kind: 'heading', level: 6, children: [{ text: 'H9' }] },
      { kind: 'quote', children: [{ text: 'q', italic: true }] },
      {
        kind: 'list',
        ordered: true,
        items: [
          { children: [{ text: 'a', bold: true, code: true }] },
          { kind: 'list', ordered: false, items: [{ children: [{ text: 'b' }] }] },
        ],
      },
      { kind: 'paragraph', children: [{ text: 'x', bold: true }] },
    ]);
  });

  it('makes links absolute, prints their address, and keeps only the text of unsafe links', () => {
    const [block] = pdfBlocks(
      [
        paragraph(
          { type: 'link', url: '/fa/articles/x', children: [text('inside')] },
          { type: 'link', url: 'https://other.example/a', children: [text('https://other.example/a')] },
          { type: 'link', url: 'javascript:alert(1)', children: [text('bad')] },
          { type: 'link', url: 'mailto:a@b.example', children: [text('write')] },
        ),
      ],
      SITE,
    );
    expect(block).toEqual({
      kind: 'paragraph',
      children: [
        { href: `${SITE}/fa/articles/x`, print: `${SITE}/fa/articles/x`, children: [{ text: 'inside' }] },
        { href: 'https://other.example/a', print: null, children: [{ text: 'https://other.example/a' }] },
        { text: 'bad' },
        { href: 'mailto:a@b.example', print: 'a@b.example', children: [{ text: 'write' }] },
      ],
    });
  });

  it('turns images into their alternative text and caption, drops control characters and ignores junk', () => {
    expect(
      pdfBlocks(
        [
          { type: 'image', image: { url: '/u.png', alternativeText: 'A candle', caption: 'Vigil' } },
          { type: 'image', image: { url: '/u.png' } },
          paragraph(text('a\u0000b\r\nc\u001b')),
          null,
          'x',
          { type: 'code', children: [text('let x = 1;')] },
        ],
        SITE,
      ),
    ).toEqual([
      { kind: 'image', text: 'A candle — Vigil' },
      { kind: 'paragraph', children: [{ text: 'ab\nc' }] },
      { kind: 'code', text: 'let x = 1;' },
    ]);
    expect(pdfBlocks('not blocks', SITE)).toEqual([]);
  });

  it('shows an address with its letters decoded, never with spaces or controls', () => {
    expect(readableUrl(`${SITE}/fa/articles/${encodeURIComponent('بیانیه-می\u200cخواهیم')}`)).toBe(
      `${SITE}/fa/articles/بیانیه-می\u200cخواهیم`,
    );
    for (const kept of [`${SITE}/a%20b`, `${SITE}/a%0Ab`, `${SITE}/%E2%80%AEevil`, `${SITE}/%ZZ`])
      expect(readableUrl(kept)).toBe(kept);
  });

  it('names the file in ASCII and, encoded, with the title', () => {
    expect(contentDisposition('ایران: "فراخوان"', { kind: 'statement' }, 'fa', 'a4')).toBe(
      `inline; filename="statement-fa-a4.pdf"; filename*=UTF-8''${encodeURIComponent('ایران   فراخوان (a4).pdf').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    expect(contentDisposition('T', { kind: 'article', slug: 'ok-slug' }, 'en', 'letter')).toMatch(
      /^inline; filename="ok-slug-en-letter\.pdf"; /,
    );
    expect(contentDisposition('T', { kind: 'article', slug: 'نامه";x' }, 'fa', 'a4')).toMatch(
      /^inline; filename="article-fa-a4\.pdf"; /,
    );
  });
});

describe('the PDF of a document (Typst)', () => {
  beforeAll(() => ensureEngine(engines.poppler));

  // Each would change the page, fail the compilation or run code if spliced into Typst markup.
  const hostile = [
    '#import "/etc/passwd"',
    '] #set page(paper: "a5") [',
    '#panic("injected")',
    '$ x^2 $ \\ \\u{41}',
    '@ref <label> *bold* _emph_ `raw` ```typ #x```',
    '= Heading // comment /* open',
    '#{ read("/etc/hostname") }',
  ];

  it('shows hostile text as text: nothing in it runs as Typst code', async () => {
    const pdf = await renderPdf(
      'en',
      doc('en', {
        title: hostile[0]!,
        lead: hostile[1]!,
        blocks: pdfBlocks(
          hostile
            .slice(2)
            .map((h) => paragraph(text(h, { bold: true }), { type: 'link', url: 'https://x.example', children: [text(h)] })),
          SITE,
        ),
        callToAction: hostile[2]!,
        siteName: hostile[3]!,
      }),
      new Date('2026-01-01'),
    );
    const facts = readPdf(pdf);
    expect([facts.width, facts.height]).toEqual([595, 842]);
    // Literally, character for character (pdftotext breaks lines where Typst did: spaces compared as one).
    const shown = facts.text.replace(/\s+/g, ' ');
    for (const h of hostile) expect(shown).toContain(h.replace(/\s+/g, ' '));
    expect(shown).not.toMatch(/root:|localhost/);
  });

  it('sets Persian right to left in Vazirmatn, embedded and subset, in reading order, with Persian page numbers', async () => {
    const sentence = 'این متن باید به همان ترتیبی که نوشته شده است خوانده شود.';
    const pdf = await renderPdf(
      'fa',
      doc('fa', { title: 'عنوان فارسی', paper: 'us-letter', blocks: pdfBlocks([paragraph(text(sentence))], SITE) }),
      new Date('2026-01-01'),
    );
    const facts = readPdf(pdf);
    expect([facts.width, facts.height]).toEqual([612, 792]);
    expect(facts.tagged).toBe(true);
    expect(facts.fonts.length).toBeGreaterThan(0);
    for (const font of facts.fonts) expect(font).toMatchObject({ embedded: true, subset: true });
    expect(facts.fonts.some((f) => f.name.includes('Vazirmatn'))).toBe(true);
    const shown = normalizeText(facts.text);
    expect(shown).toContain(normalizeText(sentence));
    expect(shown.indexOf(normalizeText('عنوان فارسی'))).toBeGreaterThanOrEqual(0);
    expect(shown.indexOf(normalizeText('عنوان فارسی'))).toBeLessThan(shown.indexOf(normalizeText(sentence)));
    expect(shown).toContain('۱');
    expect(facts.text).toContain(`${SITE}/fa/statement`);
  });
});
