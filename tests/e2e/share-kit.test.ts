// The reposting kit a group uses: the share page of each locale with JavaScript off and on, the
// share links on every page, and the oEmbed endpoint (which answers only for this site's pages).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WEB_DIR } from '../../scripts/lib/repo-dirs';
import { launchBrowser, phoneContext, type Browser } from '../helpers/browser';
import { locales, messages, seededArticles } from '../helpers/site-content';

const siteUrl = inject('siteUrl');
const sharing = seededArticles()['sharing-and-republishing']!;
const untranslated = seededArticles()['how-translations-are-made']!;
const enc = encodeURIComponent;
const NETWORK_HOSTS = { telegram: 't.me', whatsapp: 'wa.me', x: 'x.com', facebook: 'www.facebook.com', email: '' };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The share page as a reader without JavaScript gets it, and every URL the browser asked for. */
async function openWithoutJs(path: string) {
  const { context, requests } = await phoneContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto(siteUrl + path);
  await page.waitForLoadState('networkidle');
  return { context, page, requests, status: response?.status() };
}

describe.each(locales)('/$code/share without JavaScript', ({ code, dir }) => {
  const pageUrl = `${siteUrl}/${code}/statement`;

  it('gives everything a group needs, in its language, and asks nothing of other sites', async () => {
    const { context, page, requests, status } = await openWithoutJs(`/${code}/share`);
    try {
      expect(status).toBe(200);
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([code, dir]);
      const t = messages(code);
      expect(await page.locator('h1').innerText()).toBe(t.ShareKit!.titleStatement);

      const links = await page
        .locator('nav.share a[data-network]')
        .evaluateAll((as) => as.map((a) => [a.getAttribute('data-network'), (a as HTMLAnchorElement).href]));
      expect(links.map(([network]) => network)).toEqual(Object.keys(NETWORK_HOSTS));
      for (const [network, href] of links) {
        const url = new URL(href!);
        if (network === 'email') expect(url.protocol).toBe('mailto:');
        else expect(url.host, network!).toBe(NETWORK_HOSTS[network as keyof typeof NETWORK_HOSTS]);
        expect(decodeURIComponent(url.search), network!).toContain(pageUrl);
      }

      const title = await page.locator('.share-kit-doc a').innerText();
      const message = await page.locator('#kit-message-text').inputValue();
      expect(message.startsWith(title)).toBe(true);
      expect(message.endsWith(pageUrl)).toBe(true);
      expect([...message].length).toBeLessThanOrEqual(1000);

      const snippet = await page.locator('#kit-embed-code').inputValue();
      expect(snippet).toMatch(new RegExp(`^<iframe src="${siteUrl}/${code}/embed/statement" `));

      const downloads = await page.locator('.share-kit a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      for (const asset of ['card.png', 'portrait.png', 'a4.pdf', 'letter.pdf']) {
        expect(
          downloads.some((href) => href.startsWith(`/${code}/share/statement/${asset}`)),
          asset,
        ).toBe(true);
      }
      expect(await page.locator('.share-kit-qr svg path').count()).toBeGreaterThan(0);
      // No JavaScript: no buttons that would do nothing.
      expect(await page.locator('button').count()).toBe(0);

      expect(requests.filter((url) => !url.startsWith(`${siteUrl}/`) && !url.startsWith('data:'))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('share links on the reader pages', () => {
  it.each(locales)('$code: the statement and an article link to their share kit, with Facebook', async ({ code }) => {
    for (const [path, kit] of [
      [`/${code}/statement`, `/${code}/share`],
      [`/${code}/articles/${enc(sharing[code]!.slug)}`, `/${code}/share/articles/${enc(sharing[code]!.slug)}`],
    ]) {
      const html = await (await fetch(siteUrl + path)).text();
      expect(html, path).toContain(`href="${kit}"`);
      expect(html, path).toContain(`https://www.facebook.com/sharer/sharer.php?u=${enc(siteUrl + path)}`);
    }
  });
});

describe('copying and the share sheet, with JavaScript', () => {
  it('copies the link and the message, and hands the page to the system share sheet', async () => {
    const { context, requests } = await phoneContext(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: siteUrl });
    await context.addInitScript(() => {
      Object.defineProperty(navigator, 'share', {
        value: (data: ShareData) => {
          (window as unknown as { shared: ShareData }).shared = data;
          return Promise.resolve();
        },
      });
    });
    try {
      const page = await context.newPage();
      await page.goto(`${siteUrl}/ar/share`);
      const t = messages('ar').Share!;
      await page.getByRole('button', { name: t.copyLink }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${siteUrl}/ar/statement`);
      await expect.poll(() => page.locator('.copy-status').first().innerText()).toBe(t.copied);

      await page.getByRole('button', { name: t.copyText }).click();
      const message = await page.locator('#kit-message-text').inputValue();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(message);

      await page.getByRole('button', { name: t.systemShare }).click();
      const shared = await page.evaluate(() => (window as unknown as { shared: ShareData }).shared);
      expect(shared.url).toBe(`${siteUrl}/ar/statement`);
      expect(requests.filter((url) => !url.startsWith(`${siteUrl}/`) && !url.startsWith('data:'))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("an article's share kit", () => {
  const missingIn = Object.entries(untranslated).find(([, v]) => !v.published)?.[0] ?? 'ar';

  it('is in the language of the page, for the version in that language', async () => {
    const slug = enc(sharing.fa!.slug);
    const { context, page, status } = await openWithoutJs(`/fa/share/articles/${slug}`);
    try {
      expect(status).toBe(200);
      expect(await page.locator('.share-kit-doc a').getAttribute('href')).toBe(`/fa/articles/${slug}`);
      expect(await page.locator('#kit-embed-code').inputValue()).toContain(`${siteUrl}/fa/embed/articles/${slug}`);
    } finally {
      await context.close();
    }
  });

  it("another locale's slug is redirected, an unknown slug is a 404, a missing translation says so", async () => {
    const moved = await fetch(`${siteUrl}/fa/share/articles/${enc(sharing.en!.slug)}`, { redirect: 'manual' });
    expect(moved.status).toBe(307);
    expect(new URL(moved.headers.get('location')!, siteUrl).pathname).toBe(`/fa/share/articles/${enc(sharing.fa!.slug)}`);
    expect((await fetch(`${siteUrl}/fa/share/articles/no-such-article`)).status).toBe(404);

    const missing = await fetch(`${siteUrl}/${missingIn}/share/articles/${enc(untranslated.en!.slug)}`);
    const html = await missing.text();
    expect(missing.status).toBe(200);
    expect(html).not.toContain('kit-message-text');
    expect(html).not.toMatch(/\/share\/articles\/[^"]+\/(card|portrait)\.png/);
  });
});

describe('oEmbed', () => {
  const oembed = (params: Record<string, string>) => fetch(`${siteUrl}/api/oembed?${new URLSearchParams(params)}`);

  it.each(locales)('$code: the statement and an article embed by their link, as discovered in the page', async ({ code }) => {
    for (const [path, embed] of [
      [`/${code}/statement`, `/${code}/embed/statement`],
      [`/${code}/articles/${enc(sharing[code]!.slug)}`, `/${code}/embed/articles/${enc(sharing[code]!.slug)}`],
    ]) {
      const html = await (await fetch(siteUrl + path)).text();
      const link = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(html)?.[1];
      expect(link, path).toBeDefined();
      const response = await fetch(link!.replace(/&amp;/g, '&'));
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = await response.json();
      expect(body).toMatchObject({ version: '1.0', type: 'rich', width: expect.any(Number), height: expect.any(Number) });
      expect(body.html).toMatch(new RegExp(`^<iframe src="${siteUrl}${embed}" `));
      expect(html).toContain(`<title>${body.title}`);
    }
  });

  const page = `${siteUrl}/fa/statement`;
  const site = new URL(siteUrl);
  it.each([
    ['another site', 'https://example.org/fa/statement'],
    ['another port', `http://${site.hostname}:1/fa/statement`],
    ['another host name for the same address', page.replace(site.hostname, 'localhost')],
    ['another scheme', page.replace('http:', 'https:')],
    ['credentials before another host', `http://${site.host}@example.org/fa/statement`],
    ['credentials before this host', page.replace('http://', 'http://user:pass@')],
    ['a page that is not embeddable', `${siteUrl}/fa/share`],
    ['an unknown locale', `${siteUrl}/de/statement`],
    ['an unknown article', `${siteUrl}/fa/articles/no-such-article`],
    ['a missing translation', `${siteUrl}/${'ar'}/articles/${enc(untranslated.en!.slug)}`],
    ['a javascript: URL', 'javascript:alert(1)'],
  ])('refuses %s with a 404', async (_, url) => {
    const response = await oembed({ url, format: 'json' });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toMatch(/<|at \w+ \(/);
  });

  it.each([
    [{ format: 'json' }, 400],
    [{ url: 'not a url' }, 400],
    [{ url: page, maxwidth: '-1' }, 400],
    [{ url: page, maxwidth: '0' }, 400],
    [{ url: page, maxheight: '1e9' }, 400],
    [{ url: page, format: 'xml' }, 501],
  ])('%o is a %i', async (params, status) => {
    expect((await oembed(params as Record<string, string>)).status).toBe(status);
  });

  it('made-up article URLs are 404s that leave nothing behind in the data cache', async () => {
    const token = `madeup${Date.now()}`;
    const slugs = [token, `${token}-x`, `${token}-قتل`, `${token}-${'a'.repeat(120)}`, `${token}.pdf`];
    for (const code of ['en', 'fa']) {
      for (const slug of slugs) {
        const response = await oembed({ url: `${siteUrl}/${code}/articles/${enc(slug)}` });
        expect(response.status, slug).toBe(404);
      }
    }
    const dir = path.join(WEB_DIR, '.next/cache/fetch-cache');
    const written = fs.existsSync(dir)
      ? fs.readdirSync(dir).filter((f) => fs.readFileSync(path.join(dir, f)).includes(token))
      : [];
    expect(written).toEqual([]);
  });

  it('keeps within maxwidth and maxheight', async () => {
    const body = await (await oembed({ url: page, maxwidth: '400', maxheight: '300' })).json();
    expect(body).toMatchObject({ width: 400, height: 300 });
    expect(body.html).toContain('width="400" height="300"');
  });
});

describe('embed routes', () => {
  it.each([
    '/fa/embed/statement/..%2F..%2Fstatement',
    '/fa/embed/x/..%2F..%2Fshare',
    '/fa/embed/%2e%2e%2fstatement',
    '/fa/embed/articles',
  ])('%s, which may be framed, is a 404 and shows no other page', async (path) => {
    const response = await fetch(siteUrl + path);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toMatch(/kit-message-text|class="statement"/);
  });

  it('sets no cookie and says where the text comes from', async () => {
    const response = await fetch(`${siteUrl}/ar/embed/statement`);
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('content-security-policy')).toMatch(/(^|; )frame-ancestors \*(;|$)/);
    expect(await response.text()).toContain(`href="${siteUrl}/ar/statement"`);
  });
});

describe('the CMS down, nothing cached', () => {
  const control = inject('controlUrl');
  const cms = (action: 'pause' | 'resume') => fetch(`${control}/cms/${action}`, { method: 'POST' });
  const slug = `never-asked-${Date.now()}`;

  it('images, PDFs and oEmbed answer 503 with Retry-After, in plain text', async () => {
    await cms('pause');
    try {
      for (const path of [
        `/fa/share/articles/${slug}/card.png`,
        `/fa/share/articles/${slug}/a4.pdf`,
        `/api/oembed?url=${enc(`${siteUrl}/fa/articles/${slug}`)}`,
      ]) {
        const response = await fetch(siteUrl + path);
        expect(response.status, path).toBe(503);
        expect(response.headers.get('retry-after'), path).toBe('30');
        expect(await response.text(), path).toBe('Temporarily unavailable\n');
      }
    } finally {
      await cms('resume');
    }
  });
});
