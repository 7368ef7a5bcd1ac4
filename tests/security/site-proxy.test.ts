// Finding 5: behind a TLS proxy (forwarded headers), unknown slugs and pages past the last answered
// 503, and an absolute-form request line was redirected to the host it named. Redirects must stay
// on the site and no forwarded header may change a status code.
import fc from 'fast-check';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { seededArticles } from '../helpers/site-content';
import { rawRequest, request, type Answer } from '../helpers/site-http';

const siteUrl = inject('siteUrl');
const articles = seededArticles();
const sharing = articles['sharing-and-republishing']!;
const articlePath = (locale: string, slug: string) => `/${locale}/articles/${encodeURIComponent(slug)}`;

/** home, statement, article, unknown slug, past the last page, `/`, another locale's slug, page 1. */
const PATHS = [
  '/en',
  '/fa/statement',
  articlePath('en', sharing.en!.slug),
  '/en/articles/no-such-article',
  '/fr/articles/page/999',
  '/',
  articlePath('fa', sharing.en!.slug),
  '/en/articles/page/1',
];

/** A Location that stays on the site: relative to it, or absolute on SITE_URL. */
function staysOnSite(location: string | undefined) {
  if (location === undefined) return true;
  if (location.startsWith('/') && !location.startsWith('//') && !location.startsWith('/\\')) return true;
  return location.startsWith(`${siteUrl}/`);
}

const baseline = new Map<string, Answer>();
beforeAll(async () => {
  for (const path of PATHS) baseline.set(path, await request(siteUrl, path));
});

describe('finding 5, as reported', () => {
  it('the baseline is what the site answers without a proxy', () => {
    expect(PATHS.map((path) => [path, baseline.get(path)!.status])).toEqual([
      ['/en', 200],
      ['/fa/statement', 200],
      [PATHS[2], 200],
      ['/en/articles/no-such-article', 404],
      ['/fr/articles/page/999', 404],
      ['/', 307],
      [PATHS[6], 307],
      ['/en/articles/page/1', 308],
    ]);
  });

  it.each(['/en/articles/no-such-article', '/fr/articles/page/999'])(
    '%s with X-Forwarded-Proto: https is a 404, not a 503',
    async (path) => {
      const answer = await request(siteUrl, path, { headers: { 'x-forwarded-proto': 'https' } });
      expect(answer.status).toBe(404);
      expect(answer.headers['retry-after']).toBeUndefined();
    },
  );

  it.each([
    'GET http://evil.example/en HTTP/1.1',
    'GET http://evil.example/ HTTP/1.1',
    'GET https://evil.example/en/articles/page/1 HTTP/1.1',
    'HEAD http://evil.example//en HTTP/1.1',
    'OPTIONS * HTTP/1.1',
  ])('the request line %s is refused, not redirected off-site', async (line) => {
    const { status, head } = await rawRequest(siteUrl, [line, 'Host: evil.example']);
    expect(status).toBe(400);
    expect(head).not.toMatch(/^location:/im);
  });
});

describe('forwarded headers, generated', () => {
  const hostLike = fc.oneof(
    fc.constantFrom('evil.example', 'www.example.org:8443', 'localhost', '127.0.0.1:1', new URL(siteUrl).host, '[::1]:80', ''),
    fc.domain(),
    fc.string({ maxLength: 40 }).filter((text) => /^[\x21-\x7e]*$/.test(text)),
  );
  const forwarded = fc.record(
    {
      'x-forwarded-proto': fc.constantFrom('https', 'http', 'https,http', 'HTTPS', 'wss', 'ftp', ''),
      'x-forwarded-host': hostLike,
      'x-forwarded-port': fc.constantFrom('443', '80', '8443', '0', '65536', 'abc'),
      'x-forwarded-for': fc.ipV4(),
      forwarded: fc
        .tuple(fc.ipV4(), fc.constantFrom('http', 'https'), hostLike)
        .map(([ip, proto, host]) => `for=${ip};proto=${proto};host=${host}`),
      host: hostLike.filter(Boolean),
    },
    { requiredKeys: [] },
  );

  it('change no status code, and every redirect stays on the site', async () => {
    await fc.assert(
      fc.asyncProperty(forwarded, fc.constantFrom(...PATHS), async (headers, path) => {
        const answer = await request(siteUrl, path, { headers });
        const expected = baseline.get(path)!;
        expect(answer.status, `${path} ${JSON.stringify(headers)}`).toBe(expected.status);
        expect(staysOnSite(answer.headers.location), answer.headers.location).toBe(true);
        expect(answer.headers.location).toBe(expected.headers.location);
        expect(answer.headers['set-cookie']).toBeUndefined();
      }),
      { numRuns: 320 },
    );
  });
});
