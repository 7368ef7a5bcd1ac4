import { afterAll, describe, expect, inject, it } from 'vitest';
import { readArticleSeeds } from '../../scripts/lib/seed-files';
import { messages } from '../helpers/site-content';

/**
 * Honest errors and the CMS's media, as readers get them: a bug is a localized 500 (and a log line),
 * a CMS that does not answer is a 503 (tests/e2e/cms-outage.test.ts), and images are served from the
 * site's own origin, never replaced by an HTML page.
 */
const siteUrl = inject('siteUrl');
const control = inject('controlUrl');

async function get(path: string) {
  const response = await fetch(`${siteUrl}${path}`, { redirect: 'manual', signal: AbortSignal.timeout(20_000) });
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    headers: response.headers,
    body,
    text: body.toString('utf8'),
  };
}

const cms = (action: 'kill' | 'restart') =>
  fetch(`${control}/cms/${action}`, { method: 'POST' }).then((r) => {
    if (!r.ok) throw new Error(`control ${action}: ${r.status}`);
  });

describe('a component that throws', () => {
  it.each(['en', 'fa', 'ar'])('answers 500 with a localized page without JavaScript, and logs it (%s)', async (locale) => {
    const { status, type, headers, text } = await get(`/${locale}/error-probe`);
    expect(status).toBe(500);
    expect(type).toMatch(/^text\/html/);
    expect(headers.get('retry-after')).toBeNull();
    expect(headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(text).toContain(`<html lang="${locale}"`);
    expect(text).toContain(messages(locale).ErrorPage!.title!);
    expect(text).not.toMatch(/<script|error probe|\bat \S+:\d+/);
    const log = await (await fetch(`${control}/site/log`)).text();
    expect(log).toContain(`[site] 500 GET /${locale}/error-probe`);
  });
});

describe('uploaded images', () => {
  const illustrated = readArticleSeeds().find((versions) => versions.some((version) => version.cover))!;
  let coverUrl = '';

  it.each(illustrated.filter((version) => version.status === 'published').map((version) => [version.locale, version.slug]))(
    "show on the %s article page, cover and body image, from the site's own origin",
    async (locale, slug) => {
      const { status, text } = await get(`/${locale}/articles/${encodeURIComponent(slug)}`);
      expect(status).toBe(200);
      const sources = [...text.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]!);
      expect(sources.length).toBeGreaterThanOrEqual(2);
      for (const src of sources) {
        expect(src).toMatch(/^\/uploads\//);
        const image = await get(src);
        expect(image.status, src).toBe(200);
        expect(image.type).toBe('image/png');
        expect(image.body.subarray(1, 4).toString('latin1')).toBe('PNG');
      }
      coverUrl = sources[0]!;
    },
  );

  it('a missing one is a plain 404, not a page', async () => {
    for (const path of ['/uploads/missing.png', '/uploads/no/such/dir/x.jpg', '/uploads/missing']) {
      const { status, type } = await get(path);
      expect(status, path).toBe(404);
      expect(type, path).not.toMatch(/html/);
    }
  });

  describe('with the CMS down', () => {
    afterAll(() => cms('restart'), 120_000);

    it('an image never gets an HTML body', async () => {
      expect(coverUrl).not.toBe('');
      await cms('kill');
      for (const path of [coverUrl, '/uploads/missing.png']) {
        const { status, type } = await get(path);
        expect(status, path).toBeGreaterThanOrEqual(400);
        expect(type, path).not.toMatch(/html/);
      }
    });
  });
});
