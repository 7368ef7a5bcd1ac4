import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../../scripts/lib/repo-dirs';
import { graphql } from '../helpers/cms';
import { launchBrowser, phoneContext, type Browser, type Page } from '../helpers/browser';
import { locales, messages, seededArticles } from '../helpers/site-content';

const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const SHOTS = path.join(ROOT, 'test-results/screenshots');
const articles = seededArticles();
const sharing = articles['sharing-and-republishing']!; // in every locale
const translations = articles['how-translations-are-made']!; // en, fa, fr (ar is a draft)

let browser: Browser;
/** Every URL any page asked for, to check that none is a third party's. */
const requested: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  fs.mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function open(options: Parameters<typeof phoneContext>[1] = {}) {
  const { context, requests } = await phoneContext(browser, options);
  context.on('close', () => requested.push(...requests));
  return context;
}

const articlePath = (locale: string, slug: string) => `/${locale}/articles/${encodeURIComponent(slug)}`;

async function seriousViolations(page: Page) {
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() => (window as any).axe.run(document, { resultTypes: ['violations'] }));
  return (results.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function layout(page: Page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    direction: getComputedStyle(document.body).direction,
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

describe.each(locales)('in $code', ({ code, dir }) => {
  const pages = [
    { name: 'home', path: `/${code}` },
    { name: 'statement', path: `/${code}/statement` },
    { name: 'articles', path: `/${code}/articles` },
    { name: 'article', path: articlePath(code, sharing[code]!.slug) },
  ];

  it("pages are in the locale's language and direction, fit 360 px and pass axe", async () => {
    const context = await open();
    const page = await context.newPage();
    const fonts: string[] = [];
    page.on('request', (request) => {
      if (/\.woff2(\?|$)/.test(request.url())) fonts.push(path.basename(new URL(request.url()).pathname));
    });
    try {
      for (const { name, path: url } of pages) {
        const response = await page.goto(siteUrl + url);
        expect(response?.status(), url).toBe(200);
        const seen = await layout(page);
        expect(seen, url).toMatchObject({ lang: code, dir, direction: dir });
        expect(seen.scrollWidth, `${url} scrolls sideways at 360 px`).toBeLessThanOrEqual(seen.clientWidth);
        await page.screenshot({ path: path.join(SHOTS, `${code}-${name}-360.png`), fullPage: true });
        expect(await seriousViolations(page), url).toEqual([]);
      }
      // Only the faces this locale's script needs are downloaded (nothing is preloaded).
      const wanted = {
        en: /^noto-sans-latin-/,
        fr: /^noto-sans-latin-/,
        fa: /^vazirmatn-arabic-/,
        ar: /^noto-naskh-arabic-arabic-/,
      }[code];
      const foreign = { en: /vazirmatn|naskh/, fr: /vazirmatn|naskh/, fa: /naskh/, ar: /vazirmatn/ }[code];
      if (wanted)
        expect(
          fonts.some((font) => wanted.test(font)),
          fonts.join(', '),
        ).toBe(true);
      if (foreign) expect(fonts.filter((font) => foreign.test(font))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the statement reads in order, without JavaScript', async () => {
    const { body } = await graphql(
      { graphqlUrl: `${cmsUrl}/graphql` },
      'query ($locale: I18NLocaleCode!) { statement(locale: $locale) { title lead callToAction } }',
      { locale: code },
    );
    const statement = body.data.statement;
    const context = await open({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${siteUrl}/${code}/statement`);
      const article = page.locator('article.statement');
      await expect(article.locator('h1').innerText()).resolves.toBe(statement.title);
      await expect(article.locator('.lead').innerText()).resolves.toBe(statement.lead);
      await expect(article.locator('.call-to-action').innerText()).resolves.toBe(statement.callToAction);
      expect(await article.locator('.prose p').count()).toBeGreaterThan(0);
      // title, lead, body, call to action: in that order
      const order = await article.evaluate((el) =>
        Array.from(el.children).map((child) => child.tagName.toLowerCase() + (child.className ? `.${child.className}` : '')),
      );
      expect(order).toEqual(['h1', 'p.lead', 'div.prose', 'p.call-to-action']);
      await page.screenshot({ path: path.join(SHOTS, `${code}-statement-nojs-360.png`) });
    } finally {
      await context.close();
    }
  });

  if (dir === 'rtl') {
    it('shapes text with a self-hosted font for its script', async () => {
      const family = code === 'fa' ? 'Vazirmatn Variable' : 'Noto Naskh Arabic Variable';
      const context = await open();
      const page = await context.newPage();
      try {
        await page.goto(`${siteUrl}/${code}/statement`);
        const fonts = await page.evaluate(async () => {
          await document.fonts.ready;
          return Array.from(document.fonts)
            .filter((font) => font.status === 'loaded')
            .map((font) => font.family.replace(/"/g, ''));
        });
        expect(fonts).toContain(family);
        const used = await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontFamily);
        expect(used.replace(/"/g, '')).toMatch(new RegExp(`^${family}`));
      } finally {
        await context.close();
      }
    });
  }
});

describe('language switcher', () => {
  it('leads from a Persian article to the same article in Arabic, under its Arabic slug, without JavaScript', async () => {
    const context = await open({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(siteUrl + articlePath('fa', sharing.fa!.slug));
      const link = page.locator('nav.switcher a[hreflang="ar"]');
      await expect(link.getAttribute('lang')).resolves.toBe('ar');
      await expect(link.innerText()).resolves.toBe('العربية');
      await link.click();
      await page.waitForURL(siteUrl + articlePath('ar', sharing.ar!.slug));
      await expect(page.locator('h1').innerText()).resolves.toBe(sharing.ar!.title);
      expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    } finally {
      await context.close();
    }
  });

  it('marks every language with hreflang and lang, and says where there is no translation', async () => {
    const context = await open();
    const page = await context.newPage();
    try {
      await page.goto(siteUrl + articlePath('fa', translations.fa!.slug));
      const links = await page
        .locator('nav.switcher a')
        .evaluateAll((as) =>
          as.map((a) => ({ hreflang: a.getAttribute('hreflang'), lang: a.getAttribute('lang'), href: a.getAttribute('href') })),
        );
      expect(links).toEqual([
        { hreflang: 'en', lang: 'en', href: articlePath('en', translations.en!.slug) },
        { hreflang: 'fr', lang: 'fr', href: articlePath('fr', translations.fr!.slug) },
      ]);
      const unavailable = page.locator('nav.switcher .unavailable');
      await expect(unavailable.innerText()).resolves.toContain(messages('fa').LanguageSwitcher!.notTranslated);
      await expect(unavailable.locator('[lang="ar"]').count()).resolves.toBe(1);
    } finally {
      await context.close();
    }
  });
});

describe('locale negotiation', () => {
  // Pages are cached by shared caches and set no cookie: a visited locale leaves no trace.
  it('keeps no record of a visited locale', async () => {
    const context = await open({ locale: 'en-US' });
    const page = await context.newPage();
    try {
      await page.goto(`${siteUrl}/`);
      expect(new URL(page.url()).pathname).toBe('/en');
      await page.goto(`${siteUrl}/fr/statement`);
      await page.goto(`${siteUrl}/`);
      expect(new URL(page.url()).pathname).toBe('/en');
      expect(await context.cookies()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('follows the browser language', async () => {
    const context = await open({ locale: 'fa-IR' });
    const page = await context.newPage();
    try {
      await page.goto(`${siteUrl}/`);
      expect(new URL(page.url()).pathname).toBe('/fa');
    } finally {
      await context.close();
    }
  });
});

describe('missing translation and 404 pages', () => {
  it('shows a localized notice with links to the existing languages', async () => {
    const context = await open({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      const response = await page.goto(siteUrl + articlePath('ar', translations.en!.slug));
      expect(response?.status()).toBe(200);
      await expect(page.locator('h1').innerText()).resolves.toContain('العربية');
      const links = await page.locator('.missing a').evaluateAll((as) => as.map((a) => a.getAttribute('hreflang')));
      expect(links).toEqual(['en', 'fa', 'fr']);
      await expect(page.locator('meta[name="robots"]').getAttribute('content')).resolves.toMatch(/noindex/);
      await page.screenshot({ path: path.join(SHOTS, 'ar-missing-translation-360.png') });
    } finally {
      await context.close();
    }
  });

  it('answers unknown pages with a localized 404, server-rendered, without JavaScript', async () => {
    const context = await open({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      for (const [url, locale] of [
        ['/de', 'en'], // redirected to /en/de, by the browser's language (no locale cookie)
        ['/fa/articles/no-such-article', 'fa'],
        ['/ar/nothing-here', 'ar'],
        [articlePath('en', articles['the-untold-story-of-the-1988-massacre']!.en!.slug), 'en'], // a draft
        [articlePath('ar', translations.ar!.slug), 'ar'], // a draft's slug
      ] as const) {
        const response = await page.goto(siteUrl + url);
        expect(response?.status(), url).toBe(404);
        expect(await page.evaluate(() => document.documentElement.lang), url).toBe(locale);
        await expect(page.locator('h1').innerText(), url).resolves.toBe(messages(locale).NotFoundPage!.title);
      }
      await page.screenshot({ path: path.join(SHOTS, 'ar-404-360.png') });
    } finally {
      await context.close();
    }
  });
});

describe('privacy', () => {
  it('no page asked for anything from another origin', () => {
    expect(requested.length).toBeGreaterThan(20);
    const foreign = requested.filter((url) => !url.startsWith(`${siteUrl}/`) && !/^(data|blob|about):/.test(url));
    expect(foreign).toEqual([]);
  });
});
