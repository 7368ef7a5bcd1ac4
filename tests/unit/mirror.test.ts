import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewriteCss } from '../../scripts/lib/mirror/css';
import { rewriteHtml } from '../../scripts/lib/mirror/html';
import { fileOf, publicUrl, relativeLink } from '../../scripts/lib/mirror/layout';
import { parseSums, signatureValid, signSums, sumsText } from '../../scripts/lib/mirror/manifest';
import { noticeHtml } from '../../scripts/lib/mirror/notice';
import { WEB_DIR } from '../../scripts/lib/repo-dirs';
import { ensureSecrets, parseEnv } from '../../scripts/lib/secrets';
import { mirrorPublicKeyPem, publicKeyPem, signingKey } from '../../web/src/lib/mirror-key';
import { paths } from '../../web/src/lib/paths';

const url = (raw: string) => new URL(raw, 'http://site.test');

describe('where a URL lives in a mirror', () => {
  it('writes pages as folder/index.html, decoded, and keeps files where they are', () => {
    expect(fileOf(url('/'))).toBe('index.html');
    expect(fileOf(url('/fa/statement'))).toBe('fa/statement/index.html');
    expect(fileOf(url(`/fa/articles/${encodeURIComponent('آزمون-یک')}`))).toBe('fa/articles/آزمون-یک/index.html');
    expect(fileOf(url('/fa/feed.xml'))).toBe('fa/feed.xml');
    // A version query is dropped; any other one is part of the name.
    expect(fileOf(url('/fa/share/statement/card.png?v=abc'))).toBe('fa/share/statement/card.png');
    expect(fileOf(url('/icon.svg?icon.123.svg'))).toMatch(/^icon\.[0-9a-f]{12}\.svg$/);
  });

  it('links relatively, percent-encoded, and publishes folders at a base URL', () => {
    expect(relativeLink('fa/statement/index.html', 'en/statement/index.html')).toBe('../../en/statement/index.html');
    expect(relativeLink('fa/index.html', 'fa/articles/آ/index.html')).toBe(`articles/${encodeURIComponent('آ')}/index.html`);
    expect(relativeLink('fa/statement/index.html', 'fa/statement/index.html', '#main')).toBe('index.html#main');
    expect(publicUrl('https://copy.example/sub', 'fa/statement/index.html')).toBe('https://copy.example/sub/fa/statement/');
    expect(publicUrl('https://copy.example/sub/', 'fa/feed.xml')).toBe('https://copy.example/sub/fa/feed.xml');
    expect(publicUrl('https://copy.example/sub/', 'index.html')).toBe('https://copy.example/sub/');
  });
});

describe('rewriting a page', () => {
  const page = `<!DOCTYPE html><html lang="fa" dir="rtl"><head><link rel="preconnect" href="/"/><link rel="preload" as="script" href="/_next/a.js"/>
<style data-href="/_next/x.css">@font-face{src:url(/_next/static/media/f.woff2)format("woff2")}</style>
<script src="/_next/a.js" async=""></script><meta property="og:image" content="http://site.test/fa/share/statement/card.png?v=1"/></head>
<body onload="x()"><a href="/fa/statement" class="a">بیانیه &amp; متن</a> <a href="https://elsewhere.example/">source</a> text
<nav class="share"><ul><li><a href="https://t.me/share" data-network="telegram">Telegram</a></li><li><a href="mailto:?x" data-network="email">Email</a></li></ul><a href="/fa/share">kit</a></nav>
<script>self.__next_f.push([1,"x"])</script></body></html>`;
  const rewrite = (withBase: boolean) =>
    rewriteHtml(page, {
      notice: '<aside>NOTICE</aside>',
      isInternal: (raw) => raw.startsWith('/') || raw.startsWith('http://site.test'),
      link: (raw) => {
        const target = fileOf(url(raw));
        if (/^https?:/.test(raw)) return withBase ? publicUrl('https://copy.example/m/', target) : null;
        return relativeLink('fa/statement/index.html', target);
      },
    });

  it('drops every script, script preload, preconnect and event handler; rewrites links, styles and previews', () => {
    const html = rewrite(true);
    expect(html).not.toMatch(/<script|preload|preconnect|onload|data-href/);
    expect(html).toContain('<body><aside>NOTICE</aside><a href="index.html" class="a">بیانیه &amp; متن</a>');
    expect(html).toContain('url("../../_next/static/media/f.woff2")format("woff2")');
    expect(html).toContain('content="https://copy.example/m/fa/share/statement/card.png"');
    expect(html).toContain('<a href="../share/index.html">kit</a>');
    expect(html.startsWith('<!DOCTYPE html><html lang="fa" dir="rtl"><head>')).toBe(true);
  });

  it('leaves no link out of the copy: share buttons go with their list, other links keep their words', () => {
    const html = rewrite(false);
    expect(html).not.toMatch(/t\.me|mailto|elsewhere|<ul>|og:image/);
    expect(html).toContain('</a> source text');
  });

  it('rewrites url() and @import in stylesheets, not in comments', () => {
    expect(rewriteCss('/* url(/a.png) */ a{background:url( \'/b.png\' )} @import "/c.css";', (u) => `X${u}`)).toBe(
      '/* url(/a.png) */ a{background:url("X/b.png")} @import "X/c.css";',
    );
  });
});

describe('the notice', () => {
  it('says in each language what the copy is, when it was made, in the locale’s calendar and digits', () => {
    const options = { origin: 'https://site.example', date: '2026-11-28T12:00:00Z', verifyHref: '../../VERIFY.txt' };
    const en = noticeHtml({ ...options, locale: 'en' });
    expect(en).toContain('made on November 28, 2026; the original is at <a href="https://site.example/"');
    expect(en).toContain('<a href="../../VERIFY.txt">how to verify this copy</a>');
    expect(noticeHtml({ ...options, locale: 'fa' })).toMatch(/dir="rtl".*در ۷ آذر ۱۴۰۵ تهیه شده است/);
    expect(noticeHtml({ ...options, locale: 'ar' })).toMatch(/lang="ar" dir="rtl".*[٠-٩]/);
    expect(noticeHtml({ ...options, locale: 'fr' })).toContain('faite le 28 novembre 2026\u00a0;');
  });
});

describe('the signature', () => {
  const key = generateKeyPairSync('ed25519').privateKey;
  const base64 = key.export({ format: 'der', type: 'pkcs8' }).toString('base64');

  it('signs SHA256SUMS in sha256sum’s format, and the public key checks it', () => {
    const sums = Buffer.from(
      sumsText(
        new Map([
          ['b/ی.html', 'b'.repeat(64)],
          ['a.xml', 'a'.repeat(64)],
        ]),
      ),
    );
    expect(sums.toString()).toBe(`${'a'.repeat(64)}  a.xml\n${'b'.repeat(64)}  b/ی.html\n`);
    expect([...parseSums(sums.toString())]).toEqual([
      ['a.xml', 'a'.repeat(64)],
      ['b/ی.html', 'b'.repeat(64)],
    ]);
    const signature = signSums(sums, signingKey(base64));
    const pem = publicKeyPem(key);
    expect(signatureValid(sums, signature, pem)).toBe(true);
    const altered = Buffer.from(sums);
    altered[0] = 0x30;
    expect(signatureValid(altered, signature, pem)).toBe(false);
    expect(signatureValid(sums, signature, 'not a key')).toBe(false);
  });

  it('is what the site publishes at the .well-known path, from its secret; nothing for a bad or missing one', () => {
    expect(mirrorPublicKeyPem(base64)).toBe(publicKeyPem(key));
    expect(mirrorPublicKeyPem(undefined)).toBeNull();
    expect(mirrorPublicKeyPem('bm90IGEga2V5')).toBeNull();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'der', type: 'pkcs8' });
    expect(mirrorPublicKeyPem(rsa.toString('base64'))).toBeNull();
    expect(fs.existsSync(path.join(WEB_DIR, 'src/app', paths.mirrorKey(), 'route.ts'))).toBe(true);
  });

  it('is generated once with the site’s secrets, into web/.env only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mirror-secrets-'));
    const files = { cms: path.join(dir, 'cms.env'), web: path.join(dir, 'web.env') };
    ensureSecrets(files);
    const first = parseEnv(fs.readFileSync(files.web, 'utf8')).MIRROR_SIGNING_KEY;
    expect(signingKey(first).asymmetricKeyType).toBe('ed25519');
    expect(parseEnv(fs.readFileSync(files.cms, 'utf8')).MIRROR_SIGNING_KEY).toBeUndefined();
    ensureSecrets(files);
    expect(parseEnv(fs.readFileSync(files.web, 'utf8')).MIRROR_SIGNING_KEY).toBe(first);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
