// Findings 8, 9 and 10 on the site: odd methods and odd paths answered 500, pages sent no CSP,
// Permissions-Policy or frame-ancestors, leaked x-middleware-rewrite, sent Location twice, showed an
// empty 404 without JavaScript, and set a year-long cookie on cacheable responses.
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { locales, messages, seededArticles } from '../helpers/site-content';
import { MAX_BODY_BYTES, STACK_TRACE, request, type Answer } from '../helpers/site-http';

const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const articles = seededArticles();
const sharing = articles['sharing-and-republishing']!;
const articlePath = (locale: string, slug: string) => `/${locale}/articles/${encodeURIComponent(slug)}`;

/** A bad request's answer: a 4xx, small, without anything internal. */
function expectRefused(answer: Answer, what: string) {
  expect(answer.status, what).toBeGreaterThanOrEqual(400);
  expect(answer.status, what).toBeLessThan(500);
  expectHarmless(answer, what);
}

function expectHarmless(answer: Answer, what: string) {
  expect(answer.status, what).toBeLessThan(500);
  expect(answer.bytes, what).toBeLessThanOrEqual(MAX_BODY_BYTES);
  expect(answer.body, what).not.toMatch(STACK_TRACE);
}

describe('finding 8 on the site, as reported', () => {
  it.each([
    ['TRACE', '/en'],
    ['TRACE', '/'],
    ['OPTIONS', '*'],
    ['GET', '/_next/image?url=/uploads/missing.png&w=64&q=75'],
  ])('%s %s is a 4xx', async (method, target) => {
    expectRefused(await request(siteUrl, target, { method }), `${method} ${target}`);
  });

  // A page path in any script is a page of the site (Persian and Arabic slugs are): leaving the
  // preview goes there, percent-encoded, instead of failing on a Location header that is not ASCII.
  it.each(['/en/%E2%98%83', '/fa/%DA%86%DA%AF%D9%88%D9%86%D9%87', '/en/%ED%A0%80', '/en/%F0%9F%98%80?x=%E2%98%83'])(
    'leaving the preview for %s redirects there, encoded',
    async (path) => {
      const answer = await request(siteUrl, `/api/preview/exit?path=${path}`);
      expect(answer.status).toBe(307);
      expect(answer.headers.location).toMatch(/^\/(en|fa)\/[\x21-\x7e]*$/);
    },
  );
});

describe('methods', () => {
  const pages = [
    '/',
    '/en',
    '/fa/statement',
    '/ar/articles',
    articlePath('fr', sharing.fr!.slug),
    '/en/articles/no-such-article',
    '/icon.svg',
  ];
  const odd = [
    'TRACE',
    'OPTIONS',
    'PROPFIND',
    'PROPPATCH',
    'MKCOL',
    'COPY',
    'MOVE',
    'LOCK',
    'UNLOCK',
    'SEARCH',
    'PURGE',
    'PATCH',
    'PUT',
    'DELETE',
    'POST',
    'REPORT',
    'LINK',
  ];

  it('on pages, anything but GET and HEAD is a 405 that says which are allowed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...odd), fc.constantFrom(...pages), async (method, path) => {
        const answer = await request(siteUrl, path, { method });
        expect(answer.status, `${method} ${path}`).toBe(405);
        expect(answer.headers.allow).toBe('GET, HEAD');
        expectRefused(answer, `${method} ${path}`);
      }),
      { numRuns: 60 },
    );
  });

  it("on the site's API and internals, odd methods are 4xx", async () => {
    const targets = [
      '/api/preview',
      '/api/preview/exit',
      '/api/revalidate',
      '/api/nothing',
      '/_next/static/x.js',
      '/_next/image?url=/icon.svg&w=64&q=75',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...odd.filter((m) => m !== 'POST' && m !== 'OPTIONS')),
        fc.constantFrom(...targets),
        async (method, target) => {
          expectRefused(await request(siteUrl, target, { method }), `${method} ${target}`);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a method Node cannot parse, and CONNECT, are refused', async () => {
    const { rawRequest } = await import('../helpers/site-http');
    for (const line of ['FOO /en HTTP/1.1', 'CONNECT evil.example:443 HTTP/1.1', 'BREW /en HTTP/1.1']) {
      const { status } = await rawRequest(siteUrl, [line, 'Host: evil.example']);
      expect(status, line).toBeGreaterThanOrEqual(400);
      expect(status, line).toBeLessThan(500);
    }
  });
});

describe('odd paths, generated', () => {
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom(
      '%',
      '%E2%98',
      '%ED%A0%80',
      '%C0%AF',
      '..',
      '%2e%2e%2f',
      '\\',
      '//evil.example',
      'javascript:alert(1)',
      'http://evil.example',
      '%00',
      '\u202e',
    ),
  );
  // Either fully percent-encoded, or with the text's own % escapes (valid or not) left as they are.
  const part = fc.tuple(text, fc.boolean()).map(([value, keepEscapes]) => {
    const encoded = encodeURIComponent(value);
    return keepEscapes ? encoded.replace(/%25/g, '%') : encoded;
  });
  const target = fc.oneof(
    fc.tuple(part, part).map(([a, b]) => `/api/preview/exit?path=/en/${a}${b}`),
    part.map((a) => `/api/preview/exit?path=${a}`),
    fc
      .tuple(part, fc.integer({ min: -10, max: 5000 }), fc.integer({ min: -10, max: 200 }))
      .map(([url, w, q]) => `/_next/image?url=${url}&w=${w}&q=${q}`),
    fc
      .constantFrom('/uploads/missing.png', '/icon.svg', 'https://evil.example/x.png', '//evil.example/x.png')
      .map((url) => `/_next/image?url=${encodeURIComponent(url)}&w=64&q=75`),
    fc.tuple(fc.constantFrom('en', 'fa', 'fr', 'ar', 'de', ''), part).map(([locale, a]) => `/${locale}/articles/${a}`),
    fc.tuple(fc.constantFrom('en', 'fa'), part).map(([locale, a]) => `/${locale}/articles/page/${a}`),
    fc.webPath().filter((p) => p.startsWith('/')),
    fc.array(part, { minLength: 1, maxLength: 6 }).map((parts) => `/${parts.join('/')}`),
  );

  it('are answered without a 5xx, a stack trace or a big body', async () => {
    await fc.assert(
      fc.asyncProperty(target, async (path) => {
        expectHarmless(await request(siteUrl, path), path);
      }),
      { numRuns: 250 },
    );
  });
});

describe('page numbers (finding 9)', () => {
  it('/en/articles/page/1 sends its Location once', async () => {
    const answer = await request(siteUrl, '/en/articles/page/1');
    expect([301, 308]).toContain(answer.status);
    expect(answer.headers.location).toBe('/en/articles');
    const raw = await fetch(`${siteUrl}/en/articles/page/1`, { redirect: 'manual' });
    expect(raw.headers.get('location')).toBe('/en/articles');
  });

  it.each(
    ['0', 'abc', '01', '-1', '1.0', '+2', '1e3', '%31', '9999999'].flatMap((n) => locales.map(({ code }) => [code, n] as const)),
  )('/%s/articles/page/%s is a localized 404 rendered on the server', async (locale, n) => {
    const answer = await request(siteUrl, `/${locale}/articles/page/${n}`);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatch(new RegExp(`<html[^>]* lang="${locale}"`));
    expect(answer.body).toContain(`<h1>${messages(locale).NotFoundPage!.title}</h1>`);
  });
});

describe('headers on every response (findings 9 and 10)', () => {
  const cmsOrigin = new URL(cmsUrl).origin;
  const responses = [
    ['/en', 200],
    ['/fa/statement', 200],
    ['/ar/articles', 200],
    [articlePath('fr', sharing.fr!.slug), 200],
    ['/en/articles/no-such-article', 404],
    ['/fa/nothing-here', 404],
    ['/de', 307],
    ['/en/de', 404],
    ['/en/articles/page/0', 404],
    ['/en/articles/page/999', 404],
    ['/', 307],
    ['/en/articles/page/1', 308],
    [articlePath('fa', sharing.en!.slug), 307],
    ['/en/', 308],
    ['/icon.svg', 200],
    ['/api/preview/exit?path=/en', 307],
    ['/_next/image?url=/icon.svg&w=64&q=75', 404],
  ] as const;

  function directives(csp: string) {
    return new Map(
      csp
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .filter((words) => words[0])
        .map(([name, ...values]) => [name!, values]),
    );
  }

  it.each(responses)('%s (%i): CSP, frame-ancestors, Permissions-Policy, nothing internal', async (path, status) => {
    const variants: Record<string, string>[] = [
      {},
      { 'accept-language': 'fa', cookie: 'NEXT_LOCALE=fr' },
      { 'x-forwarded-proto': 'https' },
    ];
    for (const headers of variants) {
      const answer = await request(siteUrl, path, { headers });
      expect(answer.status, path).toBe(status);
      const csp = directives(String(answer.headers['content-security-policy']));
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'self'"]);
      expect(csp.get('form-action')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'self'", cmsOrigin]);
      // No third party: every source is a keyword, 'self', data: or (to frame previews) the CMS.
      for (const [name, values] of csp) {
        for (const value of values) expect(`${name} ${value}`).toMatch(/ ('[a-z-]+'|data:)$|^frame-ancestors /);
      }
      expect(answer.headers['permissions-policy']).toMatch(/camera=\(\)/);
      expect(answer.headers['permissions-policy']).toMatch(/microphone=\(\)/);
      expect(answer.headers['permissions-policy']).toMatch(/geolocation=\(\)/);
      expect(answer.headers['permissions-policy']).toMatch(/browsing-topics=\(\)/);
      // SITE_URL is http here: HSTS only over https (tests/unit/web-security-headers.test.ts).
      expect(answer.headers['strict-transport-security']).toBeUndefined();
      expect(answer.headers['x-middleware-rewrite']).toBeUndefined();
      expect(answer.headers['x-powered-by']).toBeUndefined();
      expect(Object.keys(answer.headers).filter((name) => /^x-middleware|^x-nextjs-rewritten/.test(name))).toEqual([]);
      if (!path.startsWith('/api/')) expect(answer.headers['set-cookie'], path).toBeUndefined();
      if (answer.headers.location) expect(answer.headers.location).toMatch(/^\/[^/\\]/);
    }
  });

  it('/ negotiates by Accept-Language only, and says so to caches', async () => {
    for (const [headers, target] of [
      [{ 'accept-language': 'fa', cookie: 'NEXT_LOCALE=fr' }, '/fa'],
      [{ cookie: 'NEXT_LOCALE=ar' }, '/en'],
      [{ 'accept-language': 'ar,fr;q=0.5' }, '/ar'],
    ] as const) {
      const answer = await request(siteUrl, '/', { headers });
      expect(answer.headers.location).toBe(target);
      expect(answer.headers['set-cookie']).toBeUndefined();
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers.vary).toMatch(/Accept-Language/i);
    }
  });
});
