import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedTopology, type Topology } from '../../scripts/lib/production';
import { engines, ensureEngine } from '../../scripts/lib/system-packages';
import { runStrapiTask } from '../helpers/cms';

/**
 * The production topology (`npm run start:production`'s code, on free ports and a temporary
 * folder): PostgreSQL, Redis, the CMS, two site instances from the tests' build, nginx in front.
 * What readers get through the cache, what an editor's publish does to it, what an outage leaves.
 */
let topology: Topology;
let dir: string;
const ARTICLE = 'api::article.article';
const stamp = Date.now().toString(36);

beforeAll(async () => {
  for (const engine of [engines.postgresql, engines.redis, engines.nginx]) ensureEngine(engine);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'production-'));
  topology = await startIsolatedTopology(dir);
}, 300_000);

afterAll(async () => {
  await topology?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function get(base: string, pathname: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${pathname}`, { redirect: 'manual', headers, signal: AbortSignal.timeout(15_000) });
  return { status: response.status, headers: response.headers, html: await response.text() };
}
const viaCache = (pathname: string, headers?: Record<string, string>) => get(topology.publicUrl, pathname, headers);
const everywhere = () => [topology.publicUrl, ...topology.siteUrls];

/**
 * For each address (nginx, then each instance), polled on its own every 50 ms: how long after the
 * start the first request that got the change was sent. (When it was sent, not answered: rendering a
 * fresh page takes a loaded test machine up to a second, and is not the publish travelling.)
 */
async function msUntil(shows: (html: string, status: number) => boolean, pathname: string, ms = 10_000) {
  const start = performance.now();
  const names = ['nginx', 'instance 1', 'instance 2'];
  const took = await Promise.all(
    everywhere().map(async (base) => {
      while (performance.now() - start < ms) {
        const sent = performance.now() - start;
        const page = await get(base, pathname);
        if (shows(page.html, page.status)) return Math.round(sent);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return Infinity;
    }),
  );
  return Object.fromEntries(names.map((name, i) => [name, took[i]!]));
}

/** Every address within a second of the editor's publish. */
const withinASecond = (took: Record<string, number>) =>
  expect(took).toSatisfy((all: Record<string, number>) => Object.values(all).every((ms) => ms < 1000));

describe('readers through the cache', () => {
  it('get pages from the micro-cache, in their language and direction, with no framework headers', async () => {
    for (const [locale, dir] of [
      ['fa', 'rtl'],
      ['ar', 'rtl'],
      ['en', 'ltr'],
      ['fr', 'ltr'],
    ] as const) {
      const first = await viaCache(`/${locale}/statement`);
      expect(first.status).toBe(200);
      expect(first.html).toMatch(new RegExp(`<html[^>]*lang="${locale}"[^>]*dir="${dir}"`));
      const second = await viaCache(`/${locale}/statement`);
      expect(second.headers.get('x-cache'), locale).toMatch(/HIT|UPDATING|STALE/);
      expect(second.html).toBe(first.html);
      expect([...second.headers.keys()].filter((name) => name.startsWith('x-nextjs'))).toEqual([]);
      expect(second.headers.get('cache-control')).toMatch(/s-maxage=1\b/);
      expect(second.headers.get('set-cookie')).toBeNull();
    }
  });

  it('serve each stored page gzip-compressed with its length, as a static file server would (not chunked)', async () => {
    const raw = (pathname: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(`${topology.publicUrl}${pathname}`, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
    for (const pathname of ['/fa', '/ar/statement', '/en/articles']) {
      await raw(pathname);
      const stored = await raw(pathname);
      expect(stored.headers['x-cache'], pathname).toMatch(/HIT|UPDATING|STALE/);
      expect(stored.headers['content-encoding'], pathname).toBe('gzip');
      expect(stored.headers['transfer-encoding'], pathname).toBeUndefined();
      expect(Number(stored.headers['content-length']), pathname).toBe(stored.body.length);
      expect(gunzipSync(stored.body).toString('utf8')).toMatch(/^<!DOCTYPE html>/i);
    }
  });

  it('never store the language redirect of /, the API, or a request that carries a cookie', async () => {
    for (let i = 0; i < 3; i++) {
      const home = await viaCache('/', { 'accept-language': i % 2 ? 'fa' : 'fr' });
      expect(home.status).toBe(307);
      expect(home.headers.get('location')).toBe(i % 2 ? '/fa' : '/fr');
      expect(home.headers.get('x-cache')).toBeNull();
      const api = await viaCache(`/api/oembed?format=json&url=${encodeURIComponent(`${topology.publicUrl}/fa/statement`)}`);
      expect(api.headers.get('x-cache')).toBeNull();
    }
    const withCookie = await viaCache('/fa/statement', { cookie: '__prerender_bypass=x' });
    expect(withCookie.headers.get('x-cache')).toBe('BYPASS');
  });

  it('cannot make the cache refetch pages with a made-up refresh token', async () => {
    await viaCache('/en/statement');
    for (const token of ['x', '', 'a'.repeat(32), `${randomBytes(24).toString('base64url')}`]) {
      const page = await viaCache('/en/statement', { 'x-cache-refresh': token });
      expect(page.headers.get('x-cache'), token).not.toBe('BYPASS');
    }
  });
});

describe("an editor's publish", () => {
  let documentId = '';
  const title = (n: number) => `Production cache test ${stamp} (${n})`;
  const slug = `production-cache-${stamp}`;
  const articlePath = `/en/articles/${slug}`;

  it('shows a new article at its address on both instances and through the cache within a second', async () => {
    for (const base of everywhere()) expect((await get(base, articlePath)).status).toBe(404);
    const [created] = await runStrapiTask<{ documentId: string }[]>(topology.cmsEnv, [
      {
        action: 'create',
        uid: ARTICLE,
        locale: 'en',
        data: { title: title(1), slug, excerpt: 'x', body: [], translation: { reviewState: 'human-reviewed' } },
      },
      { action: 'publish', uid: ARTICLE, documentId: '$0', locale: 'en' },
    ]);
    documentId = created!.documentId;
    withinASecond(await msUntil((html, status) => status === 200 && html.includes(title(1)), articlePath));
  });

  it('replaces an edited page on both instances and in the cache within a second', async () => {
    for (let i = 0; i < 3; i++) for (const base of everywhere()) await get(base, articlePath);
    await runStrapiTask(topology.cmsEnv, [
      { action: 'update', uid: ARTICLE, documentId, locale: 'en', data: { title: title(2) } },
      { action: 'publish', uid: ARTICLE, documentId, locale: 'en' },
    ]);
    const [page, index] = await Promise.all([
      msUntil((html) => html.includes(title(2)) && !html.includes(title(1)), articlePath),
      msUntil((html) => html.includes(title(2)), '/en/articles'),
    ]);
    withinASecond(page);
    withinASecond(index);
  });
});

describe('outages', () => {
  const pages = ['fa', 'ar', 'en', 'fr'].flatMap((locale) => [`/${locale}`, `/${locale}/statement`, `/${locale}/articles`]);

  it('with one site instance down, readers get every page from the other', async () => {
    await topology.stopSite(0);
    try {
      for (const pathname of [...pages, '/fa/share', '/en/feed.xml']) {
        expect((await viaCache(pathname)).status, pathname).toBe(200);
      }
    } finally {
      await topology.startSite(0);
    }
  });

  it('with the CMS and both site instances down, every page that was cached is still served', async () => {
    for (const pathname of pages) expect((await viaCache(pathname)).status).toBe(200);
    const before = new Map(
      await Promise.all(pages.map(async (pathname) => [pathname, (await viaCache(pathname)).html] as const)),
    );
    await topology.cms().stop();
    await Promise.all(topology.sites().map((site) => site.stop()));
    await new Promise((resolve) => setTimeout(resolve, 2100)); // every stored copy is now stale
    // Browsers word Accept-Encoding differently; every one gets the stored copy.
    for (const encoding of ['gzip, deflate, br, zstd', 'identity', 'gzip']) {
      for (const pathname of pages) {
        const page = await viaCache(pathname, { 'accept-encoding': encoding });
        expect(page.status, `${pathname} ${encoding}`).toBe(200);
        expect(page.headers.get('x-cache'), pathname).toBe('STALE');
        expect(page.html, pathname).toBe(before.get(pathname));
      }
    }
  });
});
