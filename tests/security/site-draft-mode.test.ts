// Finding 6: any value of Next's draft-mode cookie made the proxy skip its slug check, so each made-up
// slug rendered, queried the CMS and wrote a cache entry to disk. Only a session signed by
// /api/preview (with the preview secret) may change anything; a forged one is the same as none.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { WEB_DIR } from '../../scripts/lib/repo-dirs';
import { request } from '../helpers/site-http';

const siteUrl = inject('siteUrl');
const secrets = inject('siteSecrets');
const CACHE_DIRS = [path.join(WEB_DIR, '.next/server/app'), path.join(WEB_DIR, '.next/cache')];

/** Files in the site's render caches on disk for one of the made-up slugs (there must be none). */
function cachedMadeUp(): string[] {
  const found: string[] = [];
  for (const dir of CACHE_DIRS) {
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      const file = path.join(entry.parentPath, entry.name);
      if (file.includes(MADE_UP)) found.push(file);
    }
  }
  return found;
}

const MADE_UP = `made-up-${Date.now().toString(36)}`;
let made = 0;
const madeUpSlug = () => `${MADE_UP}-${made++}`;

async function previewCookies(): Promise<Record<string, string>> {
  const response = await fetch(`${siteUrl}/api/preview?secret=${encodeURIComponent(secrets.preview)}&path=/en`, {
    redirect: 'manual',
  });
  expect(response.status).toBe(307);
  return Object.fromEntries(response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!.split(/=(.*)/s).slice(0, 2)));
}

const cookieHeader = (cookies: Record<string, string>) =>
  Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');

describe('finding 6, as reported', () => {
  it('a made-up __prerender_bypass does not let a made-up slug render or write to disk', async () => {
    for (const value of ['1', 'x', 'a'.repeat(32), '0123456789abcdef0123456789abcdef']) {
      const answer = await request(siteUrl, `/en/articles/${madeUpSlug()}`, {
        headers: { cookie: `__prerender_bypass=${value}` },
      });
      expect(answer.status).toBe(404);
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    expect(cachedMadeUp()).toEqual([]);
  });

  it("Next's real draft-mode cookie without the signed session is the same as none", async () => {
    const { __prerender_bypass: bypass } = await previewCookies();
    expect(bypass).toMatch(/^[0-9a-f]{16,}$/);
    const answer = await request(siteUrl, `/en/articles/${madeUpSlug()}`, {
      headers: { cookie: `__prerender_bypass=${bypass}` },
    });
    expect(answer.status).toBe(404);
    const page = await request(siteUrl, '/en', { headers: { cookie: `__prerender_bypass=${bypass}` } });
    expect(page.body).not.toMatch(/data-preview|class="preview/);
    expect(page.headers['cache-control']).toMatch(/s-maxage/);
    expect(cachedMadeUp()).toEqual([]);
  });

  it("an editor's preview still opens an unpublished slug (the page decides), and writes nothing", async () => {
    const cookies = await previewCookies();
    expect(Object.keys(cookies).sort()).toEqual(['__prerender_bypass', '__preview_session']);
    const answer = await request(siteUrl, `/en/articles/${madeUpSlug()}`, { headers: { cookie: cookieHeader(cookies) } });
    expect(answer.status).toBe(404);
    expect(answer.headers['cache-control']).toMatch(/no-store|private/);
    const page = await request(siteUrl, '/en', { headers: { cookie: cookieHeader(cookies) } });
    expect(page.body).toMatch(/data-preview|class="preview/);
    expect(cachedMadeUp()).toEqual([]);
  });

  it('leaving the preview clears the signed session too', async () => {
    const exit = await fetch(`${siteUrl}/api/preview/exit?path=/en`, { redirect: 'manual' });
    const cleared = exit.headers.getSetCookie().join('\n');
    expect(cleared).toMatch(/__preview_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(cleared).toMatch(/__prerender_bypass=;.*Expires=Thu, 01 Jan 1970/);
  });
});

describe('forged draft-mode cookies, generated', () => {
  it('get what an anonymous reader gets: a 404 for a made-up slug, no cookie, nothing written', async () => {
    const real = await previewCookies();
    const session = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 80 }),
      // the real session's shape with another signature, or another expiry
      fc
        .uint8Array({ minLength: 32, maxLength: 32 })
        .map((bytes) => `${real.__preview_session!.split('.')[0]}.${Buffer.from(bytes).toString('base64url')}`),
      fc.integer({ min: 0, max: 2 ** 35 }).map((expires) => `${expires}.${real.__preview_session!.split('.')[1]}`),
    );
    const bypass = fc.oneof(
      fc.constant(real.__prerender_bypass!),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), maxLength: 64 }),
      fc.string({ maxLength: 80 }),
    );
    const cookieValue = (text: string) => encodeURIComponent(text);
    await fc.assert(
      fc.asyncProperty(session, bypass, fc.boolean(), async (forgedSession, forgedBypass, withData) => {
        const cookies = [
          `__prerender_bypass=${cookieValue(forgedBypass)}`,
          ...(forgedSession === undefined ? [] : [`__preview_session=${cookieValue(forgedSession)}`]),
          ...(withData ? ['__next_preview_data=eyJhbGciOiJIUzI1NiJ9.e30.x'] : []),
        ];
        const answer = await request(siteUrl, `/fr/articles/${madeUpSlug()}`, { headers: { cookie: cookies.join('; ') } });
        expect(answer.status).toBe(404);
        expect(answer.headers['set-cookie']).toBeUndefined();
      }),
      { numRuns: 120 },
    );
    expect(cachedMadeUp()).toEqual([]);
  });
});
