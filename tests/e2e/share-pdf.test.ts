import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readStatementSeeds } from '../../scripts/lib/seed-files';
import { engines, ensureEngine } from '../../scripts/lib/system-packages';
import { launchBrowser, type Browser } from '../helpers/browser';
import { hasHarakat, normalizeText, readPdf, type PdfFacts } from '../helpers/pdf';
import { messages, seededArticles } from '../helpers/site-content';
import { useTestArticle } from '../helpers/test-article';

/**
 * The printable statement (and articles) as a group gets it: a PDF per locale and paper size whose
 * fonts are embedded, whose text copies out in reading order, with the page's address and nothing
 * from another site; 404 for what does not exist in a language; a publish shows in the PDF, a draft
 * only in a preview. And the pages printed from a browser: no navigation, only the text.
 */
const siteUrl = inject('siteUrl');
const cmsEnv = inject('cmsEnv');
const secrets = inject('siteSecrets');
const controlUrl = inject('controlUrl');
const SHOTS = '/tmp/team/pdf';

const PAPERS = { a4: [595, 842], letter: [612, 792] } as const;
const statements = readStatementSeeds();

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${siteUrl}${path}`, { redirect: 'manual', headers, signal: AbortSignal.timeout(30_000) });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

/** What the site's server printed, to explain a failure. */
const siteLog = async () => (await fetch(`${controlUrl}/site/log`)).text();

/** The sentences of a statement's body, in order. */
const sentencesOf = (blocks: unknown[]) =>
  (blocks as { children?: { text?: string }[] }[])
    .map((block) => (block.children ?? []).map((child) => child.text ?? '').join(''))
    .flatMap((paragraph) => paragraph.match(/[^.؟?!]+[.؟?!]/g) ?? []);

/**
 * What must copy out in this order: the title, the lead, the body's first and last sentences, the
 * call to action; in Arabic those without harakat (see hasHarakat: poppler cuts their lines).
 */
function inReadingOrder(statement: (typeof statements)[number]): string[] {
  const body = sentencesOf(statement.body).filter((s) => !hasHarakat(s));
  const parts = [statement.title, statement.lead, body[0]!, body.at(-1)!, statement.callToAction];
  return parts.filter((part) => !hasHarakat(part));
}

/** Every http(s) URL written in the text (pdftotext may break a long one over lines: joined first). */
const urlsIn = (text: string) => text.replace(/\n(?=\S*\/)/g, '').match(/https?:\/\/[^\s)\u202a-\u202e\u2066-\u2069]+/g) ?? [];

describe('the statement as a PDF, per locale and paper size', () => {
  const pdfs = new Map<string, { status: number; headers: Headers; facts: PdfFacts | null; bytes: Buffer }>();

  beforeAll(async () => {
    ensureEngine(engines.poppler);
    fs.mkdirSync(SHOTS, { recursive: true });
    const asked = statements.flatMap((s) => Object.keys(PAPERS).map((paper) => [s.locale, paper] as const));
    await Promise.all(
      asked.map(async ([locale, paper]) => {
        const answer = await get(`/${locale}/share/statement/${paper}.pdf`);
        const facts = answer.status === 200 ? readPdf(answer.body) : null;
        if (answer.status === 200) fs.writeFileSync(`${SHOTS}/statement-${locale}-${paper}.pdf`, answer.body);
        pdfs.set(`${locale}/${paper}`, { ...answer, facts, bytes: answer.body });
      }),
    );
  }, 120_000);

  for (const statement of statements) {
    for (const [paper, [width, height]] of Object.entries(PAPERS)) {
      it(`${statement.locale} ${paper}: paper size, fonts, text in reading order, address, no other site`, async () => {
        const pdf = pdfs.get(`${statement.locale}/${paper}`)!;
        expect(pdf.status, pdf.status === 200 ? '' : await siteLog()).toBe(200);
        expect(pdf.headers.get('content-type')).toBe('application/pdf');
        expect(pdf.headers.get('content-disposition')).toMatch(
          new RegExp(`^inline; filename="statement-${statement.locale}-${paper}\\.pdf"; filename\\*=UTF-8''[\\w%.-]+$`),
        );
        expect(pdf.headers.get('cache-control')).toMatch(/public/);

        const facts = pdf.facts!;
        expect([facts.width, facts.height]).toEqual([width, height]);
        expect(facts.tagged).toBe(true);
        expect(facts.fonts.length).toBeGreaterThan(0);
        for (const font of facts.fonts) expect(font, font.name).toMatchObject({ embedded: true, subset: true });

        const text = normalizeText(facts.text);
        const order = inReadingOrder(statement);
        expect(order.length).toBeGreaterThanOrEqual(3);
        const at = order.map((part) => text.indexOf(normalizeText(part)));
        expect(at, `${statement.locale}: ${order.map(normalizeText).join(' | ')}\n---\n${text}`).not.toContain(-1);
        expect([...at].sort((a, b) => a - b)).toEqual(at);

        const pageUrl = `${siteUrl}/${statement.locale}/statement`;
        expect(facts.text).toContain(pageUrl);
        for (const url of urlsIn(facts.text)) expect(new URL(url).origin, url).toBe(siteUrl);
      });
    }
  }

  it('answers a reader who has it already with 304, and with the same bytes each time', async () => {
    const first = pdfs.get('fa/a4')!;
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get('/fa/share/statement/a4.pdf', { 'if-none-match': etag })).status).toBe(304);
    expect((await get('/fa/share/statement/a4.pdf')).body.equals(first.bytes)).toBe(true);
  });
});

describe('article PDFs and what does not exist', () => {
  const articles = seededArticles();

  it('makes an article PDF in Persian with its text, the picture described, its links made absolute on this site', async () => {
    const fa = articles['sharing-and-republishing']!.fa!;
    const answer = await get(`/fa/share/articles/${encodeURIComponent(fa.slug)}/letter.pdf`);
    expect(answer.status, answer.status === 200 ? '' : await siteLog()).toBe(200);
    expect(answer.headers.get('content-disposition')).toMatch(/^inline; filename="article-fa-letter\.pdf"; filename\*=UTF-8''/);
    const facts = readPdf(answer.body);
    fs.writeFileSync(`${SHOTS}/article-fa-letter.pdf`, answer.body);
    expect([facts.width, facts.height]).toEqual(PAPERS.letter);
    for (const font of facts.fonts) expect(font, font.name).toMatchObject({ embedded: true, subset: true });
    const text = normalizeText(facts.text);
    expect(text).toContain(normalizeText(fa.title));
    // The picture, as its Persian alternative text (cms/seed/articles/sharing-and-republishing/fa.md).
    expect(text).toContain(normalizeText('تصویرسازی: یک شمع روشن'));
    // The address as people read it: the slug in its letters (pdftotext puts the right-to-left slug first).
    expect(facts.text.replace(/\s+/g, '')).toContain(`${siteUrl}/fa/articles/`);
    expect(text).toContain(normalizeText(fa.slug));
    for (const url of urlsIn(facts.text)) expect(new URL(url).origin, url).toBe(siteUrl);
  });

  it('answers 404 for an article not translated into the locale and for an unknown slug', async () => {
    const englishOnly = articles['the-untold-story-of-the-1988-massacre']!;
    expect(Object.keys(englishOnly)).toEqual(['en']);
    for (const path of [
      `/fa/share/articles/${encodeURIComponent(englishOnly.en!.slug)}/a4.pdf`,
      '/en/share/articles/no-such-article/a4.pdf',
      `/fr/share/articles/${encodeURIComponent('نامه')}/letter.pdf`,
    ]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('content-type'), path).not.toContain('pdf');
    }
  });
});

describe('a publish and a preview', () => {
  const stamp = Date.now().toString(36);
  const slug = `pdf-test-${stamp}`;
  const title = `PDF test ${stamp}`;
  const article = useTestArticle(cmsEnv, [
    [
      'en',
      {
        title,
        slug,
        excerpt: 'A test article of the PDF tests.',
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'The first version.' }] }],
        translation: { reviewState: 'human-reviewed' },
      },
    ],
  ]);
  const path = `/en/share/articles/${slug}/a4.pdf`;
  const pdfText = async () => {
    const answer = await get(path);
    expect(answer.status, answer.status === 200 ? '' : await siteLog()).toBe(200);
    return normalizeText(readPdf(answer.body).text);
  };

  it('shows a publish in the PDF within seconds', async () => {
    expect(await pdfText()).toContain(normalizeText(title));
    const newTitle = `PDF republished ${stamp}`;
    await article.edit([
      { action: 'update', locale: 'en', data: { title: newTitle } },
      { action: 'publish', locale: 'en' },
    ]);
    const deadline = Date.now() + 10_000;
    while (!(await pdfText()).includes(normalizeText(newTitle))) {
      if (Date.now() > deadline) throw new Error('the published title is not in the PDF within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  it("makes a preview's PDF for the editor alone: never stored, no validator", async () => {
    const start = await get(`/api/preview?secret=${secrets.preview}&path=${encodeURIComponent('/en/statement')}`);
    expect(start.status).toBe(307);
    const cookie = start.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const preview = await get('/en/share/statement/a4.pdf', { cookie });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('cache-control')).toBe('private, no-store');
    expect(preview.headers.get('etag')).toBeNull();
    expect((await get('/en/share/statement/a4.pdf')).headers.get('cache-control')).toMatch(/^public/);
  });
});

describe('the print stylesheet (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each(['fa', 'ar', 'en'])('%s: prints the statement without navigation, header, footer or share links', async (locale) => {
    const page = await browser.newPage();
    try {
      await page.goto(`${siteUrl}/${locale}/statement`);
      await page.emulateMedia({ media: 'print' });
      const shown = await page.evaluate(() =>
        ['nav', '.site-header', '.site-footer', '.skip-link', '.switcher', '.share'].flatMap((selector) =>
          [...document.querySelectorAll(selector)].filter((el) => getComputedStyle(el).display !== 'none').map(() => selector),
        ),
      );
      expect(shown).toEqual([]);
      expect(await page.locator('nav').count()).toBeGreaterThan(0);
      expect(await page.locator('h1').isVisible()).toBe(true);

      const pdf = await page.pdf({ format: 'A4' });
      fs.writeFileSync(`${SHOTS}/print-${locale}.pdf`, pdf);
      const facts = readPdf(pdf);
      expect(facts.pages).toBeGreaterThan(0);
      // Chromium's PDFs do not copy Persian and Arabic out in order (that is what the Typst PDFs are
      // for): their text is checked in English, their look by eye (the saved PDFs).
      if (locale === 'en') {
        const text = normalizeText(facts.text);
        expect(text).toContain(normalizeText(statements.find((s) => s.locale === 'en')!.title));
        const { Header: header, Footer: footer } = messages('en');
        for (const label of [header!.home!, header!.articles!, footer!.privacy!])
          expect(text).not.toContain(normalizeText(label));
        // Page numbers, from @page's margin boxes: the last page's number on a line of its own.
        expect(facts.text).toMatch(new RegExp(`^\\s*${facts.pages}\\s*$`, 'm'));
      }
    } finally {
      await page.close();
    }
  });
});
