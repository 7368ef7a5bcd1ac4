import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import sirv from 'sirv';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../../scripts/lib/repo-dirs';
import { TSX } from '../../scripts/lib/processes';
import { launchBrowser, type Browser } from '../helpers/browser';
import { paths } from '../../web/src/lib/paths';
import { locales } from '../helpers/site-content';
import { useTestArticle } from '../helpers/test-article';

/**
 * A mirror of the seeded site, made by `npm run mirror`, served by a plain static server under a
 * sub-path and read in Chromium: what a group hosting a copy gives its readers. Then `verify` and
 * the README's openssl recipe against an unaltered copy and three alterations, and a second run
 * after one publish.
 */
const siteUrl = inject('siteUrl');
const cmsEnv = inject('cmsEnv');
const stamp = Date.now().toString(36);
const SUB = '/some/path/';
const BASE_URL = `https://copy.example.org${SUB}`;
const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

const own = { en: `mirror-test-${stamp}`, fa: `آزمون-آینه-${stamp}` };
const article = useTestArticle(cmsEnv, [
  ['en', { title: `Mirror test ${stamp}`, slug: own.en, excerpt: 'A mirror test.', body: paragraph('The English text.') }],
  ['fa', { title: `آزمون آینه ${stamp}`, slug: own.fa, excerpt: 'آزمون آینه.', body: paragraph('متن نخست آزمون.') }],
]);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mirror-test-'));
const out = path.join(work, 'copy');
const keys = generateKeyPairSync('ed25519');
const privateKey = keys.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const keyFile = path.join(work, 'key.pem');
fs.writeFileSync(keyFile, keys.publicKey.export({ format: 'pem', type: 'spki' }));

/** npm run mirror, in a child process (asynchronous: the static server it may read runs in this one). */
function mirror(...args: string[]): Promise<{ status: number | null; output: string }> {
  const child = spawn(process.execPath, [TSX, 'scripts/mirror.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, MIRROR_SIGNING_KEY: privateKey, SITE_URL: siteUrl },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, output })));
}
const makeCopy = async () => {
  const run = await mirror('--out', out, '--site', siteUrl, '--base-url', BASE_URL);
  expect(run.status, run.output).toBe(0);
  return run.output
    .split('\n')
    .filter((line) => line.startsWith('written: '))
    .map((line) => line.slice('written: '.length));
};
const verify = (location = out) => mirror('verify', location, '--key', keyFile);

function filesUnder(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(dir, relative) : [relative];
  });
}

/** The README's openssl recipe, as the bundle's VERIFY.txt gives it, run in the folder. */
function opensslRecipe(): { status: number | null; output: string } {
  const text = fs.readFileSync(path.join(out, 'VERIFY.txt'), 'utf8');
  const commands = text
    .split('\n')
    .filter((line) => /^ {2}(openssl|sha256sum|find|cut) /.test(line))
    .map((line) => line.trim().replace(/key\.pem/, JSON.stringify(keyFile)));
  expect(commands).toHaveLength(4);
  const run = spawnSync('bash', ['-c', `set -e -o pipefail\n${commands.join('\n')}`], { cwd: out, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

let server: http.Server;
let staticUrl = '';
/** Every request the static server saw, with its status and the bytes it sent. */
const served: { url: string; status: number; bytes: number }[] = [];
let browser: Browser;
let publishChanged: string[] = [];
let unchangedMtimes = new Map<string, number>();

beforeAll(async () => {
  // Twice: the first crawl renders what nothing asked for yet, the second is the copy a cron job keeps.
  await makeCopy();
  await makeCopy();
  const before = new Map(filesUnder(out).map((file) => [file, fs.statSync(path.join(out, file)).mtimeMs]));
  // One publish: the Persian article's text.
  await article.edit([
    { action: 'update', locale: 'fa', data: { body: paragraph('متن دوم آزمون.') } },
    { action: 'publish', locale: 'fa' },
  ]);
  const page = `${siteUrl}/fa/articles/${encodeURIComponent(own.fa)}`;
  for (let i = 0; ; i++) {
    if ((await (await fetch(page)).text()).includes('متن دوم آزمون.')) break;
    if (i > 60) throw new Error(`the publish never reached ${page}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  publishChanged = await makeCopy();
  unchangedMtimes = new Map([...before].filter(([file]) => !publishChanged.includes(file)));

  const serve = sirv(out, { dev: false, etag: true });
  server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    let bytes = 0;
    const write = response.write.bind(response);
    response.write = ((chunk: Buffer | string, ...rest: never[]) => {
      bytes += Buffer.byteLength(chunk);
      return write(chunk, ...rest);
    }) as typeof response.write;
    const end = response.end.bind(response);
    response.end = ((chunk?: Buffer | string, ...rest: never[]) => {
      if (chunk && typeof chunk !== 'function') bytes += Buffer.byteLength(chunk);
      served.push({ url, status: response.statusCode, bytes });
      return end(chunk as never, ...rest);
    }) as typeof response.end;
    if (!url.startsWith(SUB)) return void response.writeHead(404).end();
    request.url = url.slice(SUB.length - 1);
    serve(request, response, () => void response.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  staticUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(`${out}.tar.gz`, { force: true });
});

const htmlFiles = () => filesUnder(out).filter((file) => file.endsWith('.html'));

describe('the copy on disk', () => {
  it('has every page in every locale, the feeds, the sitemap, fonts, share images and PDFs, and a .tar.gz next to it', () => {
    const files = new Set(filesUnder(out));
    for (const { code } of locales) {
      for (const file of ['index.html', 'statement/index.html', 'articles/index.html', 'feed.xml', 'share/index.html']) {
        expect(files, `${code}/${file}`).toContain(`${code}/${file}`);
      }
      for (const file of ['card.png', 'portrait.png', 'a4.pdf', 'letter.pdf'])
        expect(files).toContain(`${code}/share/statement/${file}`);
    }
    expect(files).toContain(`fa/articles/${own.fa}/index.html`);
    expect(files).toContain(`fa/share/articles/${own.fa}/a4.pdf`);
    expect([...files].filter((file) => file.endsWith('.woff2')).length).toBeGreaterThan(0);
    for (const file of ['sitemap.xml', 'SHA256SUMS', 'SHA256SUMS.sig', 'manifest.json', 'mirror-key.pem', 'VERIFY.txt']) {
      expect(files).toContain(file);
    }
    const sitemap = fs.readFileSync(path.join(out, 'sitemap.xml'), 'utf8');
    expect(sitemap).toContain(`<loc>${BASE_URL}fa/statement/</loc>`);
    expect(sitemap).not.toContain(siteUrl);
    expect(fs.readFileSync(path.join(out, 'fa/feed.xml'), 'utf8')).not.toContain(siteUrl);
    const listing = spawnSync('tar', ['-tzf', `${out}.tar.gz`], { encoding: 'utf8' });
    expect(listing.stdout).toContain('copy/fa/statement/index.html');
  });

  it('has no script in any page, and no link that leaves the copy but the notice’s link to the origin', () => {
    const files = new Set(filesUnder(out));
    const pages = htmlFiles();
    expect(pages.length).toBeGreaterThan(30);
    for (const file of pages) {
      const html = fs.readFileSync(path.join(out, file), 'utf8');
      expect(html, file).not.toMatch(/<script/i);
      const document = parseDocument(html);
      for (const element of DomUtils.findAll(() => true, document.children)) {
        expect(
          Object.keys(element.attribs).filter((name) => /^on/i.test(name)),
          file,
        ).toEqual([]);
        for (const name of ['href', 'src']) {
          const value = element.attribs[name];
          if (value === undefined || value.startsWith('#') || value.startsWith('data:')) continue;
          if (element.attribs['data-mirror-origin'] !== undefined) {
            expect(value).toBe(`${siteUrl}/`);
            continue;
          }
          // The copy's own address (canonical, hreflang, with --base-url), or relative; to a file of the copy.
          const own = value.startsWith(BASE_URL);
          if (!own) expect(value, `${file}: ${value}`).not.toMatch(/^([a-z][a-z0-9+.-]*:|\/)/i);
          const relative = decodeURIComponent(value.split('#')[0]!);
          let target = own ? relative.slice(BASE_URL.length) : path.posix.join(path.posix.dirname(file), relative);
          if (!target || target.endsWith('/')) target += 'index.html';
          expect(files.has(target), `${file} links ${value}, which is not in the copy`).toBe(true);
        }
      }
    }
  });

  it('names the origin and the copy’s date in each language, in the locale’s own calendar and digits', () => {
    const notice = (locale: string) => {
      const html = fs.readFileSync(path.join(out, `${locale}/statement/index.html`), 'utf8');
      return /<aside class="mirror-notice"[^>]*>([\s\S]*?)<\/aside>/.exec(html)?.[1] ?? '';
    };
    expect(notice('en')).toMatch(/This is a copy of .* made on [A-Z][a-z]+ \d+, \d{4}; the original is at/);
    expect(notice('fa')).toMatch(/این نسخه‌ای از .* در [۰-۹]+ .* [۰-۹]{4} تهیه شده است/);
    expect(notice('fr')).toContain('Ceci est une copie de «\u00a0');
    expect(notice('ar')).toMatch(/هذه نسخة من .* أُعدّت في [٠-٩]+/);
    for (const { code } of locales) expect(notice(code)).toContain(`href="${siteUrl}/"`);
  });

  it('rewrote, after one publish, only the files the publish changed, keeping the others’ dates', () => {
    const allowed = new Set([
      `fa/articles/${own.fa}/index.html`,
      `fa/share/articles/${own.fa}/index.html`,
      `fa/share/articles/${own.fa}/a4.pdf`,
      `fa/share/articles/${own.fa}/letter.pdf`,
      `fa/share/articles/${own.fa}/card.png`,
      `fa/share/articles/${own.fa}/portrait.png`,
      'fa/feed.xml',
      'fa/index.html',
      'fa/articles/index.html',
      'sitemap.xml',
      'manifest.json',
      'SHA256SUMS',
      'SHA256SUMS.sig',
    ]);
    expect(publishChanged).toContain(`fa/articles/${own.fa}/index.html`);
    expect(publishChanged.filter((file) => !allowed.has(file))).toEqual([]);
    for (const [file, mtime] of unchangedMtimes) expect(fs.statSync(path.join(out, file)).mtimeMs, file).toBe(mtime);
  });
});

describe('the copy served under a sub-path by a static server, in Chromium', () => {
  const title = async (url: string, javaScriptEnabled = true) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    const page = await context.newPage();
    const response = await page.goto(url);
    const read = {
      status: response?.status(),
      lang: await page.getAttribute('html', 'lang'),
      dir: await page.getAttribute('html', 'dir'),
      article: (await page.locator('main article').first().innerText()).trim(),
      fontsReady: javaScriptEnabled ? await page.evaluate(() => document.fonts.ready.then(() => document.fonts.status)) : null,
    };
    return { page, context, requests, read };
  };

  it('reads like the site in every language (lang, dir, text), with or without JavaScript, and asks nothing of any other server', async () => {
    for (const { code, dir } of locales) {
      const copy = await title(`${staticUrl}${SUB}${code}/statement/index.html`);
      expect(copy.read.status).toBe(200);
      expect(copy.read.lang).toBe(code);
      expect(copy.read.dir).toBe(dir);
      const original = await title(`${siteUrl}/${code}/statement`);
      expect(copy.read.article).toBe(original.read.article);
      const noScript = await title(`${staticUrl}${SUB}${code}/statement/index.html`, false);
      expect(noScript.read.article).toBe(copy.read.article);
      for (const request of [...copy.requests, ...noScript.requests])
        expect(request.startsWith(`${staticUrl}${SUB}`), request).toBe(true);
      await Promise.all([copy.context.close(), original.context.close(), noScript.context.close()]);
    }
    expect(served.filter((answer) => answer.status !== 200 && answer.status !== 304)).toEqual([]);
  });

  it('has a language switcher that leads to the same document in the other language', async () => {
    const articlePage = (locale: 'en' | 'fa') =>
      `${staticUrl}${SUB}${locale}/articles/${encodeURIComponent(own[locale])}/index.html`;
    for (const [from, to] of [
      ['en', 'fa'],
      ['fa', 'en'],
    ] as const) {
      const { page, context } = await title(articlePage(from));
      await page.locator(`nav.switcher a[hreflang="${to}"]`).click();
      expect(page.url()).toBe(articlePage(to));
      expect(await page.getAttribute('html', 'lang')).toBe(to);
      await context.close();
    }
    const { page, context } = await title(`${staticUrl}${SUB}fa/statement/index.html`);
    for (const other of ['en', 'fr', 'ar']) {
      await page.locator(`nav.switcher a[hreflang="${other}"]`).click();
      expect(page.url()).toBe(`${staticUrl}${SUB}${other}/statement/index.html`);
      expect(await page.getAttribute('html', 'lang')).toBe(other);
      await page.goBack();
    }
    await context.close();
  });

  it('reads from disk (file://), the switcher included', async () => {
    const { page, context, read } = await title(`file://${out}/fa/statement/index.html`);
    expect(read.lang).toBe('fa');
    expect(read.article).toContain('۱۹۸۸');
    await page.locator('nav.switcher a[hreflang="en"]').click();
    expect(page.url()).toBe(`file://${out}/en/statement/index.html`);
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    await context.close();
  });

  it('weighs, for the Persian statement, what its HTML, CSS and fonts weigh', async () => {
    const start = served.length;
    const { context, read } = await title(`${staticUrl}${SUB}fa/statement/index.html`);
    expect(read.fontsReady).toBe('loaded');
    const answers = served.slice(start);
    const total = answers.reduce((sum, answer) => sum + answer.bytes, 0);
    const kinds = answers.map((answer) => path.extname(answer.url.split('?')[0]!) || '.html');
    expect(
      kinds.every((kind) => ['.html', '.woff2', '.css', '.svg'].includes(kind)),
      kinds.join(' '),
    ).toBe(true);
    console.log(
      `mirror: fa/statement weighs ${total} bytes uncompressed: ${answers.map((a) => `${decodeURIComponent(a.url.slice(SUB.length))} ${a.bytes}`).join(', ')}`,
    );
    await context.close();
  });
});

describe('verify and the openssl recipe', () => {
  it('prove the copy unaltered, from the folder and from its URL', async () => {
    const folder = await verify();
    expect(folder.status, folder.output).toBe(0);
    expect(folder.output).toContain('signature: valid');
    const served = await verify(`${staticUrl}${SUB}`);
    expect(served.status, served.output).toBe(0);
    const recipe = opensslRecipe();
    expect(recipe.status, recipe.output).toBe(0);
    expect(recipe.output).toContain('Signature Verified Successfully');
  });

  it('refuse another key', async () => {
    const other = path.join(work, 'other.pem');
    fs.writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }));
    const run = await mirror('verify', out, '--key', other);
    expect(run.status).toBe(1);
    expect(run.output).toContain('signature: INVALID');
  });

  it('catch one byte changed, one file removed, one file added, naming each', async () => {
    const page = path.join(out, 'fa/statement/index.html');
    const original = fs.readFileSync(page);
    const changed = Buffer.from(original);
    changed[changed.length - 20]! ^= 1;
    fs.writeFileSync(page, changed);
    let run = await verify();
    expect(run.status).toBe(1);
    expect(run.output).toContain('differs: fa/statement/index.html');
    expect(opensslRecipe().status).not.toBe(0);
    fs.writeFileSync(page, original);

    const feed = path.join(out, 'ar/feed.xml');
    const feedBytes = fs.readFileSync(feed);
    fs.rmSync(feed);
    run = await verify();
    expect(run.status).toBe(1);
    expect(run.output).toContain('missing: ar/feed.xml');
    expect(opensslRecipe().status).not.toBe(0);
    fs.writeFileSync(feed, feedBytes);

    fs.writeFileSync(path.join(out, 'fr/extra.html'), '<p>added</p>');
    run = await verify();
    expect(run.status).toBe(1);
    expect(run.output).toContain('extra: fr/extra.html');
    const recipe = opensslRecipe();
    expect(recipe.status).not.toBe(0);
    expect(recipe.output).toContain('> fr/extra.html');
    fs.rmSync(path.join(out, 'fr/extra.html'));

    expect((await verify()).status).toBe(0);
  });

  it('the site publishes no key when it has none, at the .well-known path (not a locale redirect)', async () => {
    const response = await fetch(`${siteUrl}${paths.mirrorKey()}`, { redirect: 'manual' });
    expect([200, 404]).toContain(response.status);
    if (response.status === 200) expect(await response.text()).toContain('BEGIN PUBLIC KEY');
  });
});
