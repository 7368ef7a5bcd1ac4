import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readStatementSeeds } from '../../scripts/lib/seed-files';
import { engines, ensureEngine } from '../../scripts/lib/system-packages';
import { locales, messages, seededArticles } from '../helpers/site-content';
import { useTestArticle } from '../helpers/test-article';

/**
 * Link previews as a messaging app sees them: each page's Open Graph and Twitter tags, and the
 * share images they name (web/src/share/): size, type, cache headers by version, 404 in a language
 * the page does not exist in, Persian and Arabic titles in reading order (OCR), and a publish
 * giving a new image under a new URL while a draft stays in the editor's preview.
 */
const siteUrl = inject('siteUrl');
const cmsEnv = inject('cmsEnv');
const secrets = inject('siteSecrets');
const stamp = Date.now().toString(36);

const CARD = { width: 1200, height: 630 };
const PORTRAIT = { width: 1080, height: 1350 };
const MAX_BYTES = 300 * 1024;
const IMMUTABLE = 'public, max-age=31536000, immutable';

const statements = Object.fromEntries(readStatementSeeds().map((s) => [s.locale, s]));
// Published in every locale, so that every locale's article preview is tested.
const article = seededArticles()['sharing-and-republishing']!;
const enOnly = seededArticles()['reporting-a-translation-error']!;

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The content of every <meta property|name="key"> of a page, in order. */
function meta(html: string, key: string): string[] {
  const pattern = new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)"`, 'g');
  return [...html.matchAll(pattern)].map((m) => decode(m[1]!));
}

async function page(pathname: string, init?: RequestInit) {
  const response = await fetch(`${siteUrl}${pathname}`, { redirect: 'manual', ...init, signal: AbortSignal.timeout(20_000) });
  return { status: response.status, html: await response.text() };
}

async function image(url: string, init?: RequestInit) {
  const response = await fetch(url.startsWith('http') ? url : `${siteUrl}${url}`, {
    redirect: 'manual',
    ...init,
    signal: AbortSignal.timeout(20_000),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes };
}

/** Width and height from a PNG's header (its signature and IHDR chunk). */
function pngSize(bytes: Buffer) {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function eventually(check: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// --- OCR ---------------------------------------------------------------------------------------

/** Words compared by letters only: no diacritics, joiners or punctuation, one form of yeh and kaf, ASCII digits. */
function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .replace(/\p{Mn}|[\u0640\u200c-\u200f]/gu, '')
    .replace(/[يى]/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/[ةۀ]/g, 'ه')
    .replace(/[أإآ]/g, 'ا')
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .split(/\s+/)
    .filter(Boolean);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

const same = (a: string, b: string) => a === b || (Math.min(a.length, b.length) >= 4 && distance(a, b) <= 1);

/**
 * Of the title's adjacent word pairs, how many the OCR text has in reading order (first word, then
 * the second within three words) and how many reversed.
 */
function pairOrder(title: string[], read: string[]) {
  const at = (word: string) => read.flatMap((w, i) => (same(w, word) ? [i] : []));
  let inOrder = 0;
  let reversed = 0;
  for (let k = 0; k + 1 < title.length; k++) {
    const first = at(title[k]!);
    const second = at(title[k + 1]!);
    const gaps = first.flatMap((i) => second.map((j) => j - i));
    if (gaps.some((gap) => gap > 0 && gap <= 3)) inOrder++;
    else if (gaps.some((gap) => gap < 0 && gap >= -3)) reversed++;
  }
  return { pairs: title.length - 1, inOrder, reversed };
}

function ocr(png: Buffer, language: 'fas' | 'ara'): string {
  const file = path.join(os.tmpdir(), `share-image-${stamp}-${language}.png`);
  fs.writeFileSync(file, png);
  const run = spawnSync('tesseract', [file, 'stdout', '-l', language, '--psm', '6'], { encoding: 'utf8' });
  fs.rmSync(file, { force: true });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

// --- the tests ---------------------------------------------------------------------------------

beforeAll(() => {
  ensureEngine(engines.tesseract);
});

describe.each(locales.map((l) => l.code))('link previews in %s', (code) => {
  const statement = statements[code]!;
  const m = messages(code);
  const siteName = m.Metadata!.siteName!;

  it('the statement page names its card: versioned, 1200×630 PNG, alt in its language, large Twitter card', async () => {
    const { status, html } = await page(`/${code}/statement`);
    expect(status).toBe(200);
    const [url] = meta(html, 'og:image');
    expect(url).toMatch(new RegExp(`^${siteUrl}/${code}/share/statement/card\\.png\\?v=[\\w-]{8,}$`));
    expect(meta(html, 'og:image:width')[0]).toBe('1200');
    expect(meta(html, 'og:image:height')[0]).toBe('630');
    expect(meta(html, 'og:image:type')[0]).toBe('image/png');
    expect(meta(html, 'og:image:alt')[0]).toBe(
      m.ShareImage!.alt!.replace('{title}', statement.title).replace('{siteName}', siteName),
    );
    expect(meta(html, 'twitter:card')).toEqual(['summary_large_image']);
    expect(meta(html, 'twitter:image')[0]).toBe(url);
    expect(meta(html, 'og:title')).toEqual([statement.seo?.metaTitle || statement.title]);
    expect(meta(html, 'og:description')).toEqual([statement.seo?.metaDescription || statement.lead]);
    // The home page previews with the statement's card too.
    expect(meta((await page(`/${code}`)).html, 'og:image')[0]).toBe(url);
  });

  it('serves the card and the portrait: exact size, under 300 KB, long-cached only under their version', async () => {
    const [url] = meta((await page(`/${code}/statement`)).html, 'og:image');
    const card = await image(url!);
    expect(card.status).toBe(200);
    expect(card.headers.get('content-type')).toBe('image/png');
    expect(card.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(pngSize(card.bytes)).toEqual(CARD);
    expect(card.bytes.length).toBeLessThan(MAX_BYTES);
    const version = new URL(url!).searchParams.get('v')!;
    const portrait = await image(`/${code}/share/statement/portrait.png?v=${version}`);
    expect(portrait.status).toBe(200);
    expect(portrait.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(pngSize(portrait.bytes)).toEqual(PORTRAIT);
    expect(portrait.bytes.length).toBeLessThan(MAX_BYTES);
    for (const other of [`/${code}/share/statement/card.png`, `/${code}/share/statement/card.png?v=x${version}`]) {
      const answer = await image(other);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('cache-control')).not.toMatch(/immutable|31536000/);
      expect(answer.bytes.equals(card.bytes)).toBe(true);
    }
  });

  it("an article's page names its own card, in its language", async () => {
    const version = article[code]!;
    const { status, html } = await page(`/${code}/articles/${encodeURIComponent(version.slug)}`);
    expect(status).toBe(200);
    const [url] = meta(html, 'og:image');
    expect(url).toMatch(
      new RegExp(`^${siteUrl}/${code}/share/articles/${encodeURIComponent(version.slug)}/card\\.png\\?v=[\\w-]{8,}$`),
    );
    expect(meta(html, 'og:image:alt')[0]).toContain(version.title);
    expect(meta(html, 'og:title')[0]).toBe(version.title);
    expect(meta(html, 'twitter:card')).toEqual(['summary_large_image']);
    const card = await image(url!);
    expect([card.status, card.headers.get('cache-control')]).toEqual([200, IMMUTABLE]);
    expect(pngSize(card.bytes)).toEqual(CARD);
  });
});

describe('no image in another language', () => {
  it('a translation that does not exist: its page has no og:image, its images are 404', async () => {
    const slug = encodeURIComponent(enOnly.en!.slug);
    expect(Object.keys(enOnly)).not.toContain('fr');
    const { html } = await page(`/fr/articles/${slug}`);
    expect(meta(html, 'og:image')).toEqual([]);
    for (const kind of ['card', 'portrait']) {
      expect((await image(`/fr/share/articles/${slug}/${kind}.png`)).status).toBe(404);
    }
    // A translation that is only a draft is as missing as one never written.
    const draftOnly = seededArticles()['how-translations-are-made']!;
    expect(draftOnly.ar?.published).toBe(false);
    expect((await image(`/ar/share/articles/${encodeURIComponent(draftOnly.en!.slug)}/card.png`)).status).toBe(404);
  });

  it('a slug no article has, a malformed one, a locale the site does not have: 404', async () => {
    expect((await image('/en/share/articles/no-such-article-anywhere/card.png')).status).toBe(404);
    expect((await image('/en/share/articles/%E0%A4%A/card.png')).status).toBe(404);
    expect((await image('/xx/share/statement/card.png', { redirect: 'follow' })).status).toBe(404);
  });
});

describe('Persian and Arabic cards read in order', () => {
  it.each(['fa', 'ar'] as const)('%s: OCR of the card reads the title word after word', async (code) => {
    const [url] = meta((await page(`/${code}/statement`)).html, 'og:image');
    const { bytes } = await image(url!);
    // Dark text on white is what tesseract reads best.
    const prepared = await sharp(bytes).greyscale().negate().png().toBuffer();
    const read = words(ocr(prepared, code === 'fa' ? 'fas' : 'ara'));
    const title = words(statements[code]!.title);
    const order = pairOrder(title, read);
    expect(order.inOrder, `${order.inOrder}/${order.pairs} in order; read: ${read.join(' ')}`).toBeGreaterThanOrEqual(
      Math.ceil(order.pairs * 0.6),
    );
    expect(order.reversed).toBeLessThan(order.inOrder / 3);
    // The same words backwards would fail: the check can tell the order.
    const backwards = pairOrder([...title].reverse(), read);
    expect(backwards.inOrder).toBeLessThan(order.inOrder / 3);
  });
});

describe('a publish, a draft', () => {
  const title = `Share image test ${stamp}`;
  const slug = `share-image-test-${stamp}`;
  const test = useTestArticle(cmsEnv, [
    [
      'en',
      {
        title,
        slug,
        excerpt: 'An article of the share image tests.',
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'A test article.' }] }],
        translation: { reviewState: 'human-reviewed' },
      },
    ],
  ]);
  const cardUrl = async () => meta((await page(`/en/articles/${slug}`)).html, 'og:image')[0]!;

  it('a changed title, published, gives a new version and a new image; the old URL is no longer long-cached', async () => {
    const before = await cardUrl();
    const old = await image(before);
    expect(old.headers.get('cache-control')).toBe(IMMUTABLE);

    // One editor session (each is a Strapi start): a new title published, then another left as a draft.
    await test.edit([
      { action: 'update', locale: 'en', data: { title: `A new title ${stamp}` } },
      { action: 'publish', locale: 'en' },
      { action: 'update', locale: 'en', data: { title: `A draft title ${stamp}` } },
    ]);
    let after = before;
    await eventually(async () => (after = await cardUrl()) !== before);
    const fresh = await image(after);
    expect([fresh.status, fresh.headers.get('cache-control')]).toEqual([200, IMMUTABLE]);
    expect(fresh.bytes.equals(old.bytes)).toBe(false);
    const stale = await image(before);
    expect(stale.headers.get('cache-control')).not.toMatch(/immutable/);
    expect(stale.bytes.equals(fresh.bytes)).toBe(true);
  });

  it("a draft title shows only in the editor's preview, never cached; the public keeps the published image", async () => {
    // The draft title was saved by the edit above, after the publish.
    const published = await image(await cardUrl());

    const opened = await fetch(`${siteUrl}/api/preview?secret=${encodeURIComponent(secrets.preview)}&path=/en`, {
      redirect: 'manual',
    });
    const cookie = opened.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const preview = await image(`/en/share/articles/${slug}/card.png`, { headers: { cookie } });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('cache-control')).toBe('private, no-store');
    expect(preview.bytes.equals(published.bytes)).toBe(false);

    const after = await image(`/en/share/articles/${slug}/card.png`);
    expect(after.headers.get('cache-control')).not.toMatch(/private|no-store/);
    expect(after.bytes.equals(published.bytes)).toBe(true);
  });
});
