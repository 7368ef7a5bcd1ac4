import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { xml2js, type Element } from 'xml-js';
import { ROOT } from '../../scripts/lib/repo-dirs';
import { engines, ensureEngine } from '../../scripts/lib/system-packages';
import { graphql, runStrapiTask } from '../helpers/cms';
import { locales, messages, seededArticles } from '../helpers/site-content';

/**
 * The sitemap, robots.txt and each locale's Atom feed, read as a crawler and a feed reader read
 * them, against what the CMS has published: every published page and nothing else (no draft, not
 * even in an editor's preview), hreflang alternates and x-default, the full text, and a publish
 * showing in both within a second of the CMS's webhook.
 */
const siteUrl = inject('siteUrl');
const cms = { graphqlUrl: `${inject('cmsUrl')}/graphql` };
const cmsEnv = inject('cmsEnv');
const secrets = inject('siteSecrets');
const control = inject('controlUrl');
const codes = locales.map((l) => l.code);
const stamp = Date.now().toString(36);
const ARTICLE = 'api::article.article';

/** An article of this file's own, published by a test in English and Persian. */
const fresh = {
  en: { title: `Feed test ${stamp}`, slug: `feed-test-${stamp}`, text: `Feed test body ${stamp}` },
  fa: { title: `آزمون خوراک ${stamp}`, slug: `آزمون-خوراک-${stamp}`, text: `متن آزمون خوراک ${stamp}` },
};
let freshId = '';
const articlePath = (locale: string, slug: string) => `/${locale}/articles/${encodeURIComponent(slug)}`;

/** The seeded versions that are drafts (an article only drafted, translations not published). */
const drafts = Object.values(seededArticles()).flatMap((versions) =>
  Object.entries(versions).flatMap(([locale, version]) => (version.published ? [] : [{ locale, ...version }])),
);

let xmllint = '';

beforeAll(() => {
  xmllint = ensureEngine(engines.xmllint);
  expect(drafts.length).toBeGreaterThan(1);
});

afterAll(async () => {
  if (freshId) await runStrapiTask(cmsEnv, { action: 'delete', uid: ARTICLE, documentId: freshId, locale: '*' });
}, 60_000);

// ---------------------------------------------------------------------------------------------
// Reading the documents

async function get(path: string, init: RequestInit = {}) {
  const response = await fetch(`${siteUrl}${path}`, { redirect: 'manual', ...init, signal: AbortSignal.timeout(15_000) });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** libxml2's verdict on a document: '' when it is well-formed XML. */
function xmlErrors(xml: string): string {
  const result = spawnSync(xmllint, ['--nonet', '--noout', '-'], { input: xml, encoding: 'utf8' });
  return result.status === 0 ? '' : result.stderr || `xmllint exited ${result.status}`;
}

/** A parsed document's elements: name → its child elements, attributes, text. */
const parse = (xml: string) => xml2js(xml, { compact: false }) as Element;
const children = (element: Element | undefined, name: string) =>
  (element?.elements ?? []).filter((child) => child.type === 'element' && child.name === name);
const child = (element: Element | undefined, name: string) => children(element, name)[0];
const textOf = (element: Element | undefined) =>
  (element?.elements ?? []).map((node) => String(node.text ?? node.cdata ?? '')).join('');

type SitemapUrl = { loc: string; alternates: Record<string, string>; lastmod?: string };

async function sitemap(init?: RequestInit): Promise<SitemapUrl[]> {
  const { status, headers, body } = await get('/sitemap.xml', init);
  expect(status).toBe(200);
  expect(headers.get('content-type')).toMatch(/^application\/xml/);
  expect(xmlErrors(body)).toBe('');
  const urlset = child(parse(body), 'urlset');
  expect(urlset?.attributes?.xmlns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
  return children(urlset, 'url').map((url) => ({
    loc: textOf(child(url, 'loc')),
    lastmod: child(url, 'lastmod') ? textOf(child(url, 'lastmod')) : undefined,
    alternates: Object.fromEntries(
      children(url, 'xhtml:link').map((link) => [String(link.attributes!.hreflang), String(link.attributes!.href)]),
    ),
  }));
}

type FeedEntry = { id: string; title: string; link: string; updated: string; content: string; authors: number };

async function feed(locale: string, init?: RequestInit) {
  const { status, headers, body } = await get(`/${locale}/feed.xml`, init);
  expect(status, locale).toBe(200);
  expect(headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  expect(xmlErrors(body), locale).toBe('');
  const root = child(parse(body), 'feed')!;
  const entries: FeedEntry[] = children(root, 'entry').map((entry) => ({
    id: textOf(child(entry, 'id')),
    title: textOf(child(entry, 'title')),
    link: String(child(entry, 'link')?.attributes?.href),
    updated: textOf(child(entry, 'updated')),
    content: textOf(child(entry, 'content')),
    authors: children(entry, 'author').length,
  }));
  return { root, entries, body };
}

/** An HTML fragment's text, as a reader sees it. */
const htmlText = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(
      /&(lt|gt|quot|#x27|#39|amp);/g,
      (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'", amp: '&' })[name]!,
    );

// ---------------------------------------------------------------------------------------------
// What the CMS has published, asked directly

type Version = { documentId: string; locale: string; slug: string; title: string; publishedAt: string; body: unknown };

async function published() {
  const { body } = await graphql<{ articles: Version[] }>(
    cms,
    `
      {
        articles(locale: "*", sort: ["documentId:asc", "locale:asc"], pagination: { page: 1, pageSize: 100 }) {
          documentId
          locale
          slug
          title
          publishedAt
          body
        }
      }
    `,
  );
  const statement: string[] = [];
  for (const locale of codes) {
    const answer = await graphql<{ statement: { locale: string } | null }>(
      cms,
      `
        query ($locale: I18NLocaleCode) {
          statement(locale: $locale) {
            locale
          }
        }
      `,
      { locale },
    );
    if (answer.body.data?.statement) statement.push(locale);
  }
  const articles = body.data!.articles;
  expect(articles.length).toBeGreaterThan(0);
  expect(articles.length).toBeLessThan(100);
  return { statement, articles };
}

/** The text leaves of Strapi blocks. */
function blockTexts(nodes: unknown): string[] {
  if (!Array.isArray(nodes)) return [];
  return nodes.flatMap((node: { text?: unknown; children?: unknown }) => [
    ...(typeof node.text === 'string' ? node.text.split('\n') : []),
    ...blockTexts(node.children),
  ]);
}

const abs = (path: string) => `${siteUrl}${path}`;

// ---------------------------------------------------------------------------------------------

describe('the sitemap', () => {
  it('lists exactly the published pages, each with its existing translations and x-default', async () => {
    // Right after another test changed the content, the first read may still be the copy from before
    // it (stale-while-revalidate): read again, as a reader reloading would.
    await vi.waitFor(
      async () => {
        const cmsHas = await published();
        const urls = await sitemap();
        const byLoc = new Map(urls.map((url) => [url.loc, url]));
        expect(byLoc.size, 'no URL twice').toBe(urls.length);

        const expected: Record<string, Record<string, string>> = {};
        const clusterOf = (links: Record<string, string>, xDefault?: string) => {
          for (const [locale, path] of Object.entries(links)) {
            const own = Object.fromEntries(Object.entries(links).map(([code, p]) => [code, abs(p)]));
            expected[abs(path)] = { ...own, 'x-default': abs(xDefault ?? links.en ?? links[locale]!) };
          }
        };
        clusterOf(Object.fromEntries(codes.map((c) => [c, `/${c}`])), '/');
        clusterOf(Object.fromEntries(codes.map((c) => [c, `/${c}/articles`])));
        clusterOf(Object.fromEntries(cmsHas.statement.map((c) => [c, `/${c}/statement`])));
        const documents = new Map<string, Version[]>();
        for (const v of cmsHas.articles) documents.set(v.documentId, [...(documents.get(v.documentId) ?? []), v]);
        for (const versions of documents.values()) {
          clusterOf(Object.fromEntries(versions.map((v) => [v.locale, articlePath(v.locale, v.slug)])));
        }

        expect([...byLoc.keys()].sort()).toEqual(Object.keys(expected).sort());
        for (const [loc, alternates] of Object.entries(expected)) expect(byLoc.get(loc)!.alternates, loc).toEqual(alternates);
        // An article translated into some locales only: its own languages, x-default the English.
        expect([...documents.values()].some((versions) => versions.length > 1 && versions.length < codes.length)).toBe(true);
        for (const version of cmsHas.articles) {
          const lastmod = byLoc.get(abs(articlePath(version.locale, version.slug)))!.lastmod;
          expect(Date.parse(lastmod!)).toBeGreaterThanOrEqual(Date.parse(version.publishedAt));
        }
      },
      { timeout: 15_000, interval: 500 },
    );
  });

  it("pages through the CMS's article list with the site's own query: every version once, in any page size", async () => {
    const documents = fs.readFileSync(path.join(ROOT, 'web/src/data/documents/feeds.graphql'), 'utf8');
    const query = documents.slice(documents.indexOf('query SitemapArticles'));
    type Page = { articles_connection: { nodes: { documentId: string; locale: string }[]; pageInfo: { pageCount: number } } };
    const page = async (n: number, pageSize: number) => (await graphql<Page>(cms, query, { page: n, pageSize })).body.data!;
    const all = (await page(1, 100)).articles_connection.nodes.map((v) => `${v.documentId}:${v.locale}`);
    const { pageCount } = (await page(1, 3)).articles_connection.pageInfo;
    expect(pageCount).toBe(Math.ceil(all.length / 3));
    const paged: string[] = [];
    for (let n = 1; n <= pageCount; n++)
      paged.push(...(await page(n, 3)).articles_connection.nodes.map((v) => `${v.documentId}:${v.locale}`));
    expect(paged).toEqual(all);
    expect(new Set(all).size).toBe(all.length);
  });

  it('lists no draft', async () => {
    const listed = JSON.stringify(await sitemap());
    for (const draft of drafts) expect(listed).not.toContain(encodeURIComponent(draft.slug));
  });
});

describe('robots.txt', () => {
  it('lets crawlers in, except the API, and names the sitemap by its absolute URL', async () => {
    const { status, headers, body } = await get('/robots.txt');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = body.split('\n').map((line) => line.trim());
    expect(lines).toEqual(
      expect.arrayContaining(['User-Agent: *', 'Allow: /', 'Disallow: /api/', `Sitemap: ${siteUrl}/sitemap.xml`]),
    );
  });
});

describe('the feeds', () => {
  it.each(codes)('/%s/feed.xml: Atom in its language, the statement and the newest articles in full', async (locale) => {
    // Right after another test changed the content, the first read may still be the copy from before
    // it (stale-while-revalidate): read again, as a reader reloading would.
    await vi.waitFor(
      async () => {
        const cmsHas = await published();
        const { root, entries } = await feed(locale);
        expect(root.attributes?.xmlns).toBe('http://www.w3.org/2005/Atom');
        expect(root.attributes?.['xml:lang']).toBe(locale);
        const links = children(root, 'link').map((link) => link.attributes);
        expect(links).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ rel: 'self', href: abs(`/${locale}/feed.xml`) }),
            expect.objectContaining({ rel: 'alternate', href: abs(`/${locale}`) }),
          ]),
        );
        // The site is the author: no person's name, on the feed or an entry.
        const siteName = messages(locale).Metadata!.siteName!;
        expect(textOf(child(child(root, 'author'), 'name'))).toBe(siteName);
        expect(entries.every((entry) => entry.authors === 0)).toBe(true);

        const articles = cmsHas.articles
          .filter((version) => version.locale === locale)
          .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
          .slice(0, 20);
        const expectedLinks = [
          ...(cmsHas.statement.includes(locale) ? [abs(`/${locale}/statement`)] : []),
          ...articles.map((article) => abs(articlePath(locale, article.slug))),
        ];
        expect(entries.map((entry) => entry.link).sort()).toEqual(expectedLinks.sort());
        expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);

        for (const article of articles) {
          const entry = entries.find((e) => e.link === abs(articlePath(locale, article.slug)))!;
          expect(htmlText(entry.title)).toBe(article.title);
          expect(Date.parse(entry.updated)).toBeGreaterThanOrEqual(Date.parse(article.publishedAt));
          const text = htmlText(entry.content);
          for (const leaf of blockTexts(article.body).filter((t) => t.trim())) expect(text).toContain(leaf);
        }
        const updated = Date.parse(textOf(child(root, 'updated')));
        expect(updated).toBe(Math.max(...entries.map((entry) => Date.parse(entry.updated))));

        // Read elsewhere: every link and image of the site is an absolute URL.
        for (const entry of entries) {
          expect(entry.content).not.toMatch(/ (src|href)="\/(?!\/)/);
          expect(entry.content).toMatch(new RegExp(`^<div lang="${locale}" dir="(ltr|rtl)">`));
        }
      },
      { timeout: 15_000, interval: 500 },
    );
  });

  it("carries the statement's full text (the English source, word for word)", async () => {
    const { entries } = await feed('en');
    const statement = entries.find((entry) => entry.link === abs('/en/statement'))!;
    const { body } = await graphql<{ statement: { title: string; body: unknown } }>(
      cms,
      `
        {
          statement(locale: "en") {
            title
            body
          }
        }
      `,
    );
    expect(htmlText(statement.title)).toBe(body.data!.statement.title);
    const text = htmlText(statement.content);
    const leaves = blockTexts(body.data!.statement.body).filter((t) => t.trim());
    expect(leaves.length).toBeGreaterThan(2);
    for (const leaf of leaves) expect(text).toContain(leaf);
  });

  it('answers an unknown locale with a 404, never another language', async () => {
    for (const path of ['/de/feed.xml', '/en/de/feed.xml', '/feed.xml']) {
      const response = await fetch(`${siteUrl}${path}`, { signal: AbortSignal.timeout(15_000) });
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).not.toMatch(/atom/);
    }
  });

  it('is announced in every page head (autodiscovery), pointing at the page language’s feed', async () => {
    for (const [locale, path] of [
      ['fa', '/fa'],
      ['ar', '/ar/statement'],
      ['fr', '/fr/articles'],
    ] as const) {
      const { body } = await get(path);
      const links = [...body.matchAll(/<link\b[^>]*type="application\/atom\+xml"[^>]*>/g)].map((m) => m[0]);
      expect(links, path).toHaveLength(1);
      expect(links[0]).toContain('rel="alternate"');
      expect(links[0]).toContain(`href="${abs(`/${locale}/feed.xml`)}"`);
      expect(htmlText(/title="([^"]*)"/.exec(links[0]!)![1]!)).toBe(messages(locale).Metadata!.feedTitle);
      expect((await get(`/${locale}/feed.xml`)).status, 'the link is not redirected').toBe(200);
    }
  });
});

describe('with the CMS hung', () => {
  const cmsControl = (action: 'pause' | 'resume') =>
    fetch(`${control}/cms/${action}`, { method: 'POST' }).then((r) => expect(r.ok, action).toBe(true));

  it('keeps serving the feeds and the sitemap from the cache, at once', async () => {
    for (const locale of codes) await feed(locale);
    await sitemap();
    await cmsControl('pause');
    try {
      const started = Date.now();
      expect((await sitemap()).length).toBeGreaterThan(0);
      for (const locale of codes) expect((await feed(locale)).entries.length, locale).toBeGreaterThan(0);
      expect(Date.now() - started, 'no request waited for the CMS').toBeLessThan(2000);
    } finally {
      await cmsControl('resume');
    }
  });
});

describe('drafts and publishing', () => {
  const draftTexts = drafts.flatMap((draft) => [draft.title, encodeURIComponent(draft.slug)]);
  const hasDraft = (text: string) => draftTexts.some((draft) => text.includes(draft));

  it("leaves drafts out even in an editor's preview", async () => {
    const start = await get(`/api/preview?secret=${secrets.preview}&path=${encodeURIComponent('/en')}`);
    expect(start.status).toBe(307);
    const cookie = start.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(cookie).toContain('__prerender_bypass');
    // The preview is on: the index shows the English draft.
    const enDraft = drafts.find((draft) => draft.locale === 'en')!;
    expect((await get('/en/articles', { headers: { cookie } })).body).toContain(enDraft.title);

    for (const init of [{}, { headers: { cookie } }]) {
      expect(hasDraft(JSON.stringify(await sitemap(init)))).toBe(false);
      for (const locale of codes) expect(hasDraft((await feed(locale, init)).body), locale).toBe(false);
    }
  });

  it('shows an article in the sitemap and the feeds within a second of its publication', async () => {
    const en = abs(articlePath('en', fresh.en.slug));
    const fa = abs(articlePath('fa', fresh.fa.slug));
    const listed = async () => {
      const [map, enFeed, faFeed] = await Promise.all(['/sitemap.xml', '/en/feed.xml', '/fa/feed.xml'].map((p) => get(p)));
      return (
        map!.body.includes(`<loc>${fa}</loc>`) && enFeed!.body.includes(fresh.en.text) && faFeed!.body.includes(fresh.fa.text)
      );
    };
    expect(await listed()).toBe(false);

    const data = (locale: keyof typeof fresh) => ({
      title: fresh[locale].title,
      slug: fresh[locale].slug,
      excerpt: `Excerpt ${stamp}`,
      body: [{ type: 'paragraph', children: [{ type: 'text', text: fresh[locale].text }] }],
    });
    const [created] = await runStrapiTask<{ documentId: string }[]>(cmsEnv, [
      { action: 'create', uid: ARTICLE, locale: 'en', data: data('en') },
      { action: 'update', uid: ARTICLE, documentId: '$0', locale: 'fa', data: data('fa') },
      { action: 'publish', uid: ARTICLE, documentId: '$0', locale: '*' },
    ]);
    freshId = created!.documentId;
    // runStrapiTask returns once the CMS has sent its webhooks and the site has answered them. A
    // reader asking again and again sees the article in a request started within a second.
    const published = Date.now();
    let askedAt = published;
    for (;;) {
      askedAt = Date.now();
      if (await listed()) break;
      expect(askedAt - published, 'not listed within a second').toBeLessThan(1000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(askedAt - published).toBeLessThan(1000);

    const urls = await sitemap();
    const alternates = { en, fa, 'x-default': en };
    expect(urls.find((url) => url.loc === en)?.alternates).toEqual(alternates);
    expect(urls.find((url) => url.loc === fa)?.alternates).toEqual(alternates);
    const entry = (await feed('fa')).entries.find((e) => e.link === fa)!;
    expect(htmlText(entry.title)).toBe(fresh.fa.title);
    expect(htmlText(entry.content)).toContain(fresh.fa.text);
  });
});
