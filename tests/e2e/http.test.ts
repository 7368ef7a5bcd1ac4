import { describe, expect, inject, it } from 'vitest';
import { locales, messages, seededArticles } from '../helpers/site-content';

const siteUrl = inject('siteUrl');
const articles = seededArticles();
const sharing = articles['sharing-and-republishing']!;
const translations = articles['how-translations-are-made']!;
const articlePath = (locale: string, slug: string) => `/${locale}/articles/${encodeURIComponent(slug)}`;

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(siteUrl + path, { redirect: 'manual', headers });
  return {
    status: response.status,
    location: response.headers.get('location'),
    headers: response.headers,
    html: await response.text(),
  };
}

function attr(html: string, selector: RegExp, name: string): string[] {
  return [...html.matchAll(selector)].map((m) => new RegExp(`${name}="([^"]*)"`).exec(m[0])?.[1] ?? '');
}

describe('/ negotiates the locale', () => {
  it.each([
    [{}, '/en'],
    [{ 'accept-language': 'fa-IR,fa;q=0.9,en;q=0.5' }, '/fa'],
    [{ 'accept-language': 'ar' }, '/ar'],
    [{ 'accept-language': 'de-DE,de;q=0.9' }, '/en'],
    // No locale cookie is set or read: `/` follows the browser's languages only.
    [{ 'accept-language': 'fa', cookie: 'NEXT_LOCALE=fr' }, '/fa'],
  ])('%o → %s', async (headers, target) => {
    const { status, location, headers: answer } = await get('/', headers);
    expect(status).toBe(307);
    expect(new URL(location!, siteUrl).pathname).toBe(target);
    expect(answer.get('set-cookie')).toBeNull();
  });
});

describe('article slugs', () => {
  it("redirects another locale's slug to this locale's slug", async () => {
    const { status, location } = await get(articlePath('fa', sharing.en!.slug));
    expect([307, 308]).toContain(status);
    expect(new URL(location!, siteUrl).pathname).toBe(articlePath('fa', sharing.fa!.slug));
  });

  it.each([
    ['/en/articles/%E0%A4%A', 'a malformed escape'],
    [`/fa/articles/${'%D8%A7'.repeat(400)}`, 'an absurdly long slug'],
    [`/en/articles/${'a'.repeat(5000)}`, 'a path too long for a file name'],
    ['/en/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'markup'],
    ['/en/articles/..%2F..%2Fetc%2Fpasswd', 'a path'],
    ['/en/articles/page/999', 'a page past the last'],
    ['/en/articles/page/0', 'page zero'],
  ])('%s (%s) is a 4xx without a stack trace', async (path) => {
    const { status, html } = await get(path);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(html).not.toMatch(/\bat [\w.<>]+ \(|node_modules|webpack-internal|TypeError|ReferenceError/);
  });
});

describe('metadata', () => {
  it.each(locales.map((l) => l.code))(
    '%s statement: title, description, canonical, hreflang alternates, Open Graph',
    async (code) => {
      const { status, html } = await get(`/${code}/statement`);
      expect(status).toBe(200);
      expect(html).toMatch(/<title>[^<]+<\/title>/);
      expect(html).toMatch(/<meta name="description" content="[^"]+"/);
      expect(attr(html, /<link rel="canonical"[^>]*>/g, 'href')).toEqual([`${siteUrl}/${code}/statement`]);
      const alternates = attr(html, /<link rel="alternate" hrefLang="[^"]*"[^>]*>/g, 'hrefLang');
      expect(alternates.sort()).toEqual([...locales.map((l) => l.code), 'x-default'].sort());
      expect(html).toContain(`<meta property="og:url" content="${siteUrl}/${code}/statement"/>`);
      expect(html).toMatch(new RegExp(`<meta property="og:locale" content="${code}_[A-Z]{2}"/>`));
      expect(html).toMatch(/<meta property="og:title" content="[^"]+"/);
      expect(html).toMatch(/<meta property="og:description" content="[^"]+"/);
    },
  );

  it('an article lists only the translations that exist', async () => {
    const { html } = await get(articlePath('fr', translations.fr!.slug));
    const alternates = attr(html, /<link rel="alternate" hrefLang="[^"]*"[^>]*>/g, 'hrefLang');
    expect(alternates.sort()).toEqual(['en', 'fa', 'fr', 'x-default']);
    expect(attr(html, /<link rel="alternate" hrefLang="x-default"[^>]*>/g, 'href')).toEqual([
      `${siteUrl}${articlePath('en', translations.en!.slug)}`,
    ]);
  });
});

describe('provenance', () => {
  it('every translated page says it is a translation of the English original, and its review state', async () => {
    for (const code of locales.map((l) => l.code).filter((c) => c !== 'en')) {
      const { html } = await get(`/${code}/statement`);
      const provenance = /<aside class="provenance"[\s\S]*?<\/aside>/.exec(html)?.[0] ?? '';
      expect(provenance, code).toContain('href="/en/statement"');
      expect(provenance, code).toMatch(/machine|ماشین|machine|الآلة/i);
    }
    const { html } = await get('/en/statement');
    expect(html).not.toContain('class="provenance"');
  });
});

describe("dates in the page's locale", () => {
  it('Persian: Persian digits and the Solar Hijri calendar', async () => {
    const { html } = await get('/fa/articles');
    const dates = [...html.matchAll(/<time dateTime="([^"]+)">([^<]+)<\/time>/g)];
    expect(dates.length).toBeGreaterThan(0);
    for (const [, iso, text] of dates) {
      const expected = new Intl.DateTimeFormat('fa', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso!));
      expect(text).toBe(expected);
      expect(text).toMatch(/[۰-۹]/);
      expect(text).not.toMatch(/[0-9]/);
    }
  });
});

describe('caching', () => {
  it.each(['/en', '/fa/statement', articlePath('ar', sharing.ar!.slug)])(
    '%s is served from the cache, not rendered per request',
    async (path) => {
      await get(path);
      const { status, headers } = await get(path);
      expect(status).toBe(200);
      expect(headers.get('x-nextjs-cache') ?? 'HIT').toMatch(/HIT|STALE/);
      expect(headers.get('cache-control')).toMatch(/s-maxage=\d+/);
    },
  );
});

describe('localized strings', () => {
  it('the switcher names every language in its own language', async () => {
    const { html } = await get('/en');
    for (const { code, name } of locales) {
      expect(html).toContain(`lang="${code}"`);
      expect(html).toContain(name);
    }
    expect(html).toContain(messages('en').Header!.articles);
  });
});
