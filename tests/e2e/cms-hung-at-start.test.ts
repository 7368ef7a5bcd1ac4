import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIR } from '../../scripts/lib/repo-dirs';
import { launchBrowser, phoneContext, type Browser } from '../helpers/browser';
import { freePort, spawnService, waitForUrl, type Service } from '../../scripts/lib/processes';
import { messages } from '../helpers/site-content';

// A second server of the same build, whose CMS accepts connections and never answers.
let hung: net.Server;
let site: Service;
let siteUrl: string;
let browser: Browser;

beforeAll(async () => {
  hung = net.createServer(() => {
    /* accept, never answer */
  });
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  const cmsUrl = `http://127.0.0.1:${(hung.address() as net.AddressInfo).port}`;
  const port = await freePort();
  siteUrl = `http://127.0.0.1:${port}`;
  site = spawnService(process.execPath, ['server.mjs', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: WEB_DIR,
    env: { ...process.env, NODE_ENV: 'production', CMS_URL: cmsUrl, CMS_TIMEOUT_MS: '1500', SITE_URL: siteUrl },
  });
  await waitForUrl(`${siteUrl}/en/statement`, (status) => status === 200, 60_000, site.alive);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  hung?.close();
});

describe('with the CMS hung', () => {
  it('pages rendered before keep being served', async () => {
    for (const url of ['/fa/statement', '/ar', '/fr/articles']) {
      const response = await fetch(siteUrl + url);
      expect(response.status, url).toBe(200);
    }
  });

  it('a page never rendered fails within the timeout, cleanly, with the localized error page', async () => {
    const started = Date.now();
    const response = await fetch(`${siteUrl}/fr/articles/page/2`);
    const html = await response.text();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(html).not.toMatch(/CmsError|\bat [\w.<>]+ \(|node_modules|webpack-internal/);

    // Readable without JavaScript, in the page's language.
    const { context } = await phoneContext(browser, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${siteUrl}/fr/articles/page/2`);
      await expect(page.locator('h1').innerText()).resolves.toBe(messages('fr').ErrorPage!.title);
    } finally {
      await context.close();
    }
  });
});
