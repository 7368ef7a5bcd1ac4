// Finding 9 in a browser: no other site may frame the site (clickjacking) while the CMS's admin
// panel, which frames it for previews, still shows it; and the CSP breaks nothing on any page.
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumPath } from '../../scripts/lib/chromium';
import { freePort } from '../../scripts/lib/processes';
import { launchBrowser, phoneContext, type Browser, type Page } from '../helpers/browser';
import { locales, seededArticles } from '../helpers/site-content';

const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const secrets = inject('siteSecrets');
const articles = seededArticles();
const sharing = articles['sharing-and-republishing']!;
const articlePath = (locale: string, slug: string) => `/${locale}/articles/${encodeURIComponent(slug)}`;

let browser: Browser;
/**
 * For the framing pages, which page.route() fulfils: Chromium counts a fulfilled page as a public
 * one and blocks its frames to a local address (Local Network Access) before any CSP is read.
 */
let framingBrowser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  framingBrowser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-features=LocalNetworkAccessChecks'],
  });
});
afterAll(async () => {
  await browser?.close();
  await framingBrowser?.close();
});

/** Console messages and `securitypolicyviolation` events of one page. */
function watchCsp(page: Page) {
  const messages: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to|Permissions-Policy/i.test(message.text())) messages.push(message.text());
  });
  return {
    messages,
    async events(): Promise<string[]> {
      return page.evaluate(() => ((window as any).__cspViolations ?? []) as string[]).catch(() => []);
    },
  };
}

async function newPage(using = browser) {
  const { context } = await phoneContext(using);
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      ((window as any).__cspViolations ??= []).push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return { context, page: await context.newPage() };
}

/** Serves, at `origin`, a page that frames `src`, and returns the frame once it has loaded or failed. */
async function frameFrom(page: Page, origin: string, src: string) {
  const url = `${origin}/frame-test`;
  await page.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>frame test</title><iframe src="${src}" width="360" height="600"></iframe>`,
    }),
  );
  await page.goto(url);
  const handle = await page.waitForSelector('iframe');
  const frame = await handle.contentFrame();
  await frame?.waitForLoadState('load').catch(() => undefined);
  return frame;
}

describe('framing (clickjacking)', () => {
  it("the CMS's origin frames the site: the admin panel's preview shows the draft-mode page", async () => {
    const { context, page } = await newPage(framingBrowser);
    const csp = watchCsp(page);
    try {
      const frame = await frameFrom(
        page,
        new URL(cmsUrl).origin,
        `${siteUrl}/api/preview?secret=${encodeURIComponent(secrets.preview)}&path=/en`,
      );
      expect(frame).toBeTruthy();
      await frame!.waitForSelector('h1', { state: 'attached', timeout: 15_000 });
      expect(frame!.url()).toBe(`${siteUrl}/en`);
      expect(await frame!.locator('[data-preview]').count()).toBe(1);
      expect(csp.messages).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('another origin cannot frame the site', async () => {
    const other = `http://localhost:${await freePort()}`;
    const { context, page } = await newPage(framingBrowser);
    const refused: string[] = [];
    page.on('requestfailed', (request) => refused.push(`${request.url()} ${request.failure()?.errorText}`));
    // Every kind of page, and paths that only look like an embed route or climb out of one.
    const paths = [
      '/en',
      '/fa/statement',
      '/en/articles/no-such-article',
      '/fa/share',
      articlePath('ar', sharing.ar!.slug),
      '/fa/embed%2F..%2Fstatement',
      '/fa/embedded/statement',
    ];
    try {
      for (const path of paths) {
        const frame = await frameFrom(page, other, siteUrl + path);
        // Chromium replaces a refused frame with its own error page, after the site has answered.
        expect(frame?.url(), path).toMatch(/^chrome-error:/);
        expect(await frame?.content().catch(() => ''), path).not.toContain('/_next/');
      }
      expect(refused.filter((line) => line.startsWith(siteUrl))).toEqual(
        paths.map((path) => `${siteUrl}${path} net::ERR_BLOCKED_BY_RESPONSE`),
      );
    } finally {
      await context.close();
    }
  });

  it('another origin frames the embed routes, in their language and direction, without cookies', async () => {
    const other = `http://localhost:${await freePort()}`;
    const { context, page } = await newPage(framingBrowser);
    const csp = watchCsp(page);
    try {
      for (const [code, path] of [
        ['fa', '/fa/embed/statement'],
        ['ar', `/ar/embed/articles/${encodeURIComponent(sharing.ar!.slug)}`],
        ['en', `/en/embed/articles/${encodeURIComponent(sharing.en!.slug)}`],
      ] as const) {
        const frame = await frameFrom(page, other, siteUrl + path);
        expect(frame?.url(), path).toBe(siteUrl + path);
        await frame!.waitForSelector('h1', { state: 'attached', timeout: 15_000 });
        const shown = await frame!.evaluate(() => ({
          lang: document.documentElement.lang,
          dir: document.documentElement.dir,
          header: document.querySelector('header, nav') !== null,
          source: document.querySelector<HTMLAnchorElement>('.embed-source a')?.href,
          cookie: document.cookie,
        }));
        expect(shown, path).toMatchObject({ lang: code, dir: code === 'en' ? 'ltr' : 'rtl', header: false, cookie: '' });
        expect(shown.source, path).toBe(siteUrl + path.replace('/embed', ''));
      }
      expect((await context.cookies(siteUrl)).length).toBe(0);
      expect(csp.messages).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the Content-Security-Policy breaks nothing', () => {
  it.each(locales.map((l) => l.code))('%s: every kind of page loads, navigates and logs no violation', async (code) => {
    const { context, page } = await newPage();
    const csp = watchCsp(page);
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
    try {
      for (const [path, status] of [
        [`/${code}`, 200],
        [`/${code}/statement`, 200],
        [`/${code}/articles`, 200],
        [articlePath(code, sharing[code]!.slug), 200],
        [`/${code}/articles/no-such-article`, 404],
        [`/${code}/articles/page/0`, 404],
        [`/${code}/share`, 200],
        [`/${code}/share/articles/${encodeURIComponent(sharing[code]!.slug)}`, 200],
        [`/${code}/embed/statement`, 200],
      ] as const) {
        const response = await page.goto(siteUrl + path);
        expect(response?.status(), path).toBe(status);
        await page.waitForLoadState('networkidle');
        expect(await csp.events(), path).toEqual([]);
      }
      // Client-side navigation (the router fetches the next page's data) under the policy.
      await page.goto(`${siteUrl}/${code}`);
      await page.waitForLoadState('networkidle');
      await page.locator(`a[href="/${code}/statement"]`).first().click();
      await page.waitForURL(`${siteUrl}/${code}/statement`);
      await page.waitForLoadState('networkidle');
      expect(await page.locator('h1').count()).toBeGreaterThan(0);
      expect(await csp.events()).toEqual([]);
      expect(csp.messages).toEqual([]);
      expect(failed.filter((line) => !/ERR_ABORTED/.test(line))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
