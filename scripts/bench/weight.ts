import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { WEB_DIR } from '../lib/repo-dirs';
import { ensureFloorApp, nextBin, routeBundleStats, type RouteStats } from './floor';
import type { BenchOptions } from './options';
import { launchChromium } from '../lib/chromium';
import { fmtKB, fmtNumber } from './lib/format';
import { freePort, spawnService, waitForUrl } from '../lib/processes';
import type { Section, Target } from './lib/report';
import { benchPages } from './lib/site';
import { checkFonts, classify, weigh, type FontCheck, type FontFace, type Weight, type WireRequest } from './lib/weight-model';

export const JS_ALLOWANCE_BYTES = 10 * 1024;
export const FA_STATEMENT_BUDGET_BYTES = 250 * 1024;

/**
 * Run in the page: every @font-face (family, absolute URL, unicode-range) and the page's text. A
 * string, not a function, so that the TypeScript loader's helpers never reach the browser.
 */
const PAGE_FONTS_AND_TEXT = `(() => {
  const faces = [];
  const visit = (rules, base) => {
    for (const rule of Array.from(rules)) {
      if (rule instanceof CSSFontFaceRule) {
        const match = /url\\(\\s*["']?([^"')]+)["']?\\s*\\)/.exec(rule.style.getPropertyValue('src'));
        if (match) faces.push({
          family: rule.style.getPropertyValue('font-family').replace(/["']/g, ''),
          url: new URL(match[1], base).href,
          unicodeRange: rule.style.getPropertyValue('unicode-range'),
        });
      } else if (rule.cssRules) visit(rule.cssRules, base);
    }
  };
  for (const sheet of Array.from(document.styleSheets)) {
    try { visit(sheet.cssRules, sheet.href || document.baseURI); } catch { /* cross-origin */ }
  }
  return { faces, text: document.title + '\\n' + document.body.innerText };
})()`;

export type PageWeight = { label: string; url: string; weight: Weight; fonts: FontCheck[]; requests: WireRequest[] };

/**
 * Loads url in a fresh mobile browser context (empty cache) and adds up the bytes on the wire
 * (Chrome's encodedDataLength: compressed body plus headers) of every request until the network is
 * idle, by type.
 */
export async function measurePage(browser: Browser, url: string, locale: string, label = url): Promise<PageWeight> {
  const context = await browser.newContext({
    viewport: { width: 412, height: 915 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale,
  });
  try {
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    const seen = new Map<string, { url: string; type?: string; mime: string; status: number }>();
    const finished = new Map<string, number>();
    cdp.on('Network.responseReceived', (event) => {
      seen.set(event.requestId, {
        url: event.response.url,
        type: event.type,
        mime: event.response.mimeType,
        status: event.response.status,
      });
    });
    cdp.on('Network.loadingFinished', (event) => finished.set(event.requestId, event.encodedDataLength));
    const response = await tab.goto(url, { waitUntil: 'load', timeout: 30_000 });
    if (!response || response.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
    await tab.waitForLoadState('networkidle', { timeout: 30_000 });

    const { faces, text } = (await tab.evaluate(PAGE_FONTS_AND_TEXT)) as { faces: FontFace[]; text: string };

    const requests: WireRequest[] = [];
    for (const [id, bytes] of finished) {
      const info = seen.get(id);
      if (!info || info.url.startsWith('data:')) continue;
      requests.push({ url: info.url, kind: classify(info.type, info.mime), bytes, status: info.status });
    }
    const fontUrls = requests.filter((request) => request.kind === 'fonts').map((request) => request.url);
    return { label, url, weight: weigh(requests), fonts: checkFonts(fontUrls, faces, text), requests };
  } finally {
    await context.close();
  }
}

/** The floor app served by `next start`, measured like a site page. */
async function measureFloor(browser: Browser, floorDir: string): Promise<PageWeight> {
  const port = await freePort();
  const server = spawnService(process.execPath, [nextBin(), 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: floorDir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitForUrl(url, (status) => status === 200, 60_000, server.alive);
    return await measurePage(browser, url, 'en', 'framework floor (minimal App Router page)');
  } finally {
    await server.stop();
  }
}

export function weightSection(
  pages: PageWeight[],
  floor: PageWeight,
  siteRoutes: RouteStats[],
  floorRoutes: RouteStats[],
): Section {
  const floorRoute = floorRoutes.find((route) => route.route === '/') ?? floorRoutes[0];
  const jsBudget = floor.weight.js + JS_ALLOWANCE_BYTES;
  const heaviestJs = pages.reduce<PageWeight | undefined>(
    (max, page) => (!max || page.weight.js > max.weight.js ? page : max),
    undefined,
  );
  const jsMet = heaviestJs ? heaviestJs.weight.js <= jsBudget : null;

  const readerRoutes = siteRoutes.filter((route) => !route.route.startsWith('/api') && !route.route.startsWith('/_'));
  const heaviestRoute = readerRoutes.reduce<RouteStats | undefined>(
    (max, route) => (!max || route.gzipBytes > max.gzipBytes ? route : max),
    undefined,
  );
  const routeBudget = (floorRoute?.gzipBytes ?? Number.NaN) + JS_ALLOWANCE_BYTES;
  const routeMet = heaviestRoute && floorRoute ? heaviestRoute.gzipBytes <= routeBudget : null;

  const unneeded = pages.flatMap((page) =>
    page.fonts.filter((font) => !font.needed).map((font) => `${page.label}: ${font.file}`),
  );
  const faStatement = pages.find((page) => page.label === 'fa statement');
  const faMet = faStatement ? faStatement.weight.total < FA_STATEMENT_BUDGET_BYTES : null;

  const targets: Target[] = [
    {
      name: 'JavaScript on the wire, heaviest page',
      target: `≤ floor ${fmtKB(floor.weight.js)} + 10 KB = ${fmtKB(jsBudget)}`,
      actual: heaviestJs ? `${fmtKB(heaviestJs.weight.js)} (${heaviestJs.label})` : '–',
      met: jsMet,
      shortfall: jsMet === false && heaviestJs ? `${fmtKB(heaviestJs.weight.js - jsBudget)} over` : undefined,
    },
    {
      name: 'first-load JS per route (build stats, gzip), heaviest route',
      target: `≤ floor ${fmtKB(floorRoute?.gzipBytes)} + 10 KB = ${fmtKB(routeBudget)}`,
      actual: heaviestRoute ? `${fmtKB(heaviestRoute.gzipBytes)} (${heaviestRoute.route})` : '–',
      met: routeMet,
      shortfall: routeMet === false && heaviestRoute ? `${fmtKB(heaviestRoute.gzipBytes - routeBudget)} over` : undefined,
    },
    {
      name: 'fonts: only the subsets the page’s text needs',
      target: 'no font file whose unicode-range the page does not use',
      actual: unneeded.length
        ? `${unneeded.length} unneeded: ${unneeded.join(', ')}`
        : `${pages.reduce((sum, page) => sum + page.fonts.length, 0)} font files over ${pages.length} pages, all needed`,
      met: pages.length ? unneeded.length === 0 : null,
      shortfall: unneeded.length ? `${unneeded.length} font file(s) too many` : undefined,
    },
    {
      name: 'Persian statement page, total on the wire',
      target: `< ${fmtKB(FA_STATEMENT_BUDGET_BYTES, 0)}`,
      actual: faStatement ? fmtKB(faStatement.weight.total) : '–',
      met: faMet,
      shortfall:
        faMet === false && faStatement ? `${fmtKB(faStatement.weight.total - FA_STATEMENT_BUDGET_BYTES)} over` : undefined,
    },
  ];

  const row = (page: PageWeight) => [
    page.label,
    fmtKB(page.weight.html),
    fmtKB(page.weight.css),
    fmtKB(page.weight.js),
    fmtKB(page.weight.fonts),
    fmtKB(page.weight.images),
    fmtKB(page.weight.other),
    fmtKB(page.weight.total),
    fmtNumber(page.weight.requests),
    page.fonts.map((font) => font.file.replace(/\.[\w-]+\.woff2$/, '') + (font.needed ? '' : ' (unneeded)')).join(', ') || '–',
  ];
  const routeRows = [
    ...readerRoutes.map((route) => [
      `route ${route.route}`,
      fmtKB(route.uncompressedBytes),
      fmtKB(route.gzipBytes),
      fmtNumber(route.chunks),
    ]),
    ...(floorRoute
      ? [
          [
            `floor ${floorRoute.route}`,
            fmtKB(floorRoute.uncompressedBytes),
            fmtKB(floorRoute.gzipBytes),
            fmtNumber(floorRoute.chunks),
          ],
        ]
      : []),
  ];
  return {
    id: 'weight',
    title: 'Page weight in Chromium, against the budget',
    method:
      'Debian Chromium (headless, playwright-core), a fresh browser context per page (empty cache), mobile viewport 412×915; ' +
      'bytes on the wire = Chrome DevTools encodedDataLength (compressed body + headers) of every request until the network is idle, ' +
      'one load per page (page weight does not vary between runs). The framework floor is a minimal App Router page (layout + <h1>) built with ' +
      'the same next and served by next start, measured the same way. First-load JS per route: .next/diagnostics/route-bundle-stats.json, ' +
      'chunks gzipped here (level 6).',
    columns: ['page', 'HTML', 'CSS', 'JS', 'fonts', 'images', 'other', 'total', 'requests', 'font files'],
    rows: [...pages.map(row), row(floor)],
    targets,
    tables: [
      {
        title: 'First-load JS per route (.next/diagnostics/route-bundle-stats.json)',
        columns: ['route', 'uncompressed', 'gzip', 'chunks'],
        rows: routeRows,
      },
    ],
    notes: [],
    data: {
      pages: pages.map(({ requests, ...page }) => ({ ...page, requests: requests.map((r) => ({ ...r })) })),
      floor,
      routes: { site: siteRoutes, floor: floorRoutes },
    },
  };
}

export async function runWeight(options: BenchOptions, log: (line: string) => void): Promise<Section> {
  const pages = await benchPages(options.cmsUrl);
  const floorApp = ensureFloorApp(log);
  const statsFile = path.join(WEB_DIR, '.next/diagnostics/route-bundle-stats.json');
  if (!fs.existsSync(statsFile)) throw new Error(`${statsFile} is missing: build the site first (npm start builds it)`);
  const browser = await launchChromium();
  try {
    const weights: PageWeight[] = [];
    for (const page of pages) {
      const weight = await measurePage(browser, options.siteUrl + page.path, page.locale, page.label);
      log(`  ${page.label}: ${fmtKB(weight.weight.total)} in ${weight.weight.requests} requests`);
      weights.push(weight);
    }
    const floor = await measureFloor(browser, floorApp.dir);
    return weightSection(weights, floor, routeBundleStats(WEB_DIR), routeBundleStats(floorApp.dir));
  } finally {
    await browser.close();
  }
}
