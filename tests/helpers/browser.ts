import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium';

/** Debian's Chromium (the e2e set-up installs it when missing), driven by playwright-core. */
export const launchBrowser = (): Promise<Browser> => launchChromium();

/** A phone-sized context (360 px wide) that records every URL the browser asks for. */
export async function phoneContext(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 1,
    ...options,
  });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  return { context, requests };
}

export type { Browser, BrowserContext, Page };
