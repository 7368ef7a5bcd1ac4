import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useTestArticle } from '../helpers/test-article';
import { seededArticles } from '../helpers/site-content';

/**
 * The publishing pipeline against the real CMS and the real site: an editor's publish reaches every
 * page that shows the document (its sister translations included) with no manual step; drafts show
 * only in preview; the site keeps serving when the CMS stops, hangs, or comes back.
 * Works on an article of its own, so the seed content other tests read is left as it was.
 */
const siteUrl = inject('siteUrl');
const cmsEnv = inject('cmsEnv');
const secrets = inject('siteSecrets');
const stamp = Date.now().toString(36);

const versions = {
  en: { title: `Publishing test ${stamp}`, slug: `publishing-test-${stamp}` },
  fa: { title: `آزمون انتشار ${stamp}`, slug: `آزمون-انتشار-${stamp}` },
  ar: { title: `اختبار النشر ${stamp}`, slug: `اختبار-النشر-${stamp}` },
};
const body = [{ type: 'paragraph', children: [{ type: 'text', text: 'A test article of the publishing tests.' }] }];
const data = (locale: keyof typeof versions) => ({
  ...versions[locale],
  excerpt: 'Publishing test',
  body,
  translation: { reviewState: locale === 'en' ? 'human-reviewed' : 'machine-assisted' },
});
const articlePath = (locale: string, slug: string) => `/${locale}/articles/${encodeURIComponent(slug)}`;

async function page(path: string, init?: RequestInit) {
  const response = await fetch(`${siteUrl}${path}`, { redirect: 'manual', ...init, signal: AbortSignal.timeout(15_000) });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** Polls until `check` holds, as a reader reloading the page would; fails after `ms`. */
async function eventually(check: () => Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const article = useTestArticle(cmsEnv, [
  ['en', data('en')],
  ['fa', data('fa')],
  ['ar', data('ar')],
]);

describe('the revalidation endpoint', () => {
  const post = (headers: Record<string, string>, payload: string) =>
    fetch(`${siteUrl}/api/revalidate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: payload,
    });
  const valid = JSON.stringify({ event: 'entry.publish', model: 'article', entry: { documentId: 'x', locale: 'fa' } });

  it('refuses a request without the secret, or with a wrong one', async () => {
    expect((await post({}, valid)).status).toBe(401);
    expect((await post({ authorization: 'Bearer wrong' }, valid)).status).toBe(401);
    expect((await post({ authorization: secrets.revalidate }, valid)).status).toBe(401);
  });

  it('refreshes nothing for a saved draft, which no reader sees', async () => {
    const auth = { authorization: `Bearer ${secrets.revalidate}` };
    for (const event of ['entry.update', 'entry.create']) {
      const draft = { documentId: 'x', locale: 'fa', slug: 'a-draft', publishedAt: null };
      const response = await post(auth, JSON.stringify({ event, model: 'article', entry: draft }));
      expect(response.status).toBe(200);
      expect(((await response.json()) as { revalidated: string[] }).revalidated).toEqual([]);
    }
    // A change to a published version still refreshes its pages.
    const published = { documentId: 'x', locale: 'fa', slug: 'a-draft', publishedAt: new Date().toISOString() };
    const response = await post(auth, JSON.stringify({ event: 'entry.update', model: 'article', entry: published }));
    expect(((await response.json()) as { revalidated: string[] }).revalidated).toContain('articles:fa');
  });

  it('answers 400, not 500, to a malformed body or an unknown model', async () => {
    const auth = { authorization: `Bearer ${secrets.revalidate}` };
    for (const payload of [
      '{"event":',
      'null',
      '[]',
      '{}',
      JSON.stringify({ event: 'entry.publish', model: 'user' }),
      'x'.repeat(10_000),
    ]) {
      const response = await post(auth, payload);
      expect(response.status, payload.slice(0, 40)).toBe(400);
      expect(await response.text()).not.toMatch(/\bat \S+:\d+/);
    }
  });

  it('accepts the CMS webhook', async () => {
    const response = await post({ authorization: `Bearer ${secrets.revalidate}` }, valid);
    expect(response.status).toBe(200);
  });
});

describe('publishing', () => {
  it('serves the new article in every language it was published in, each switcher linking the others', async () => {
    const fa = await page(articlePath('fa', versions.fa.slug));
    expect(fa.status).toBe(200);
    expect(fa.html).toContain(versions.fa.title);
    expect(fa.html).toContain(`href="${articlePath('ar', versions.ar.slug)}"`);
    expect(fa.html).toContain(`href="${articlePath('en', versions.en.slug)}"`);
  });

  it('shows an edited Persian title on its page, the Persian index and home, within seconds', async () => {
    const title = `عنوان تازه ${stamp}`;
    await article.edit([
      { action: 'update', locale: 'fa', data: { title } },
      { action: 'publish', locale: 'fa' },
    ]);
    await eventually(async () => (await page(articlePath('fa', versions.fa.slug))).html.includes(title));
    await eventually(async () => (await page('/fa/articles')).html.includes(title));
    await eventually(async () => (await page('/fa')).html.includes(title));
    versions.fa.title = title;
  });

  it('moves a translation to its new slug, and the sister translations link the new slug', async () => {
    const oldSlug = versions.fa.slug;
    const slug = `نشانی-تازه-${stamp}`;
    await article.edit([
      { action: 'update', locale: 'fa', data: { slug } },
      { action: 'publish', locale: 'fa' },
    ]);
    await eventually(async () =>
      (await page(articlePath('ar', versions.ar.slug))).html.includes(`href="${articlePath('fa', slug)}"`),
    );
    await eventually(async () =>
      (await page(articlePath('en', versions.en.slug))).html.includes(`href="${articlePath('fa', slug)}"`),
    );
    expect((await page(articlePath('fa', slug))).status).toBe(200);
    await eventually(async () => (await page(articlePath('fa', oldSlug))).status === 404);
    versions.fa.slug = slug;
  });

  it('takes an unpublished translation off the site, and the switchers stop linking it', async () => {
    await article.edit([{ action: 'unpublish', locale: 'ar' }]);
    await eventually(async () => {
      const ar = await page(articlePath('ar', versions.ar.slug));
      return ar.status === 404 || (ar.status === 200 && !ar.html.includes(versions.ar.title));
    });
    await eventually(
      async () =>
        !(await page(articlePath('fa', versions.fa.slug))).html.includes(`href="${articlePath('ar', versions.ar.slug)}"`),
    );
    await eventually(
      async () =>
        !(await page(articlePath('en', versions.en.slug))).html.includes(`href="${articlePath('ar', versions.ar.slug)}"`),
    );
    await article.edit([{ action: 'publish', locale: 'ar' }]);
    await eventually(async () => (await page(articlePath('ar', versions.ar.slug))).html.includes(versions.ar.title));
  });
});

describe('what a publish refreshes', () => {
  const other = seededArticles()['how-translations-are-made']!;
  const otherFr = articlePath('fr', other.fr!.slug);
  const cacheStatus = async (path: string) => (await page(path)).headers.get('x-nextjs-cache');

  it("a Persian version: the Persian pages and this article's pages, not the other French article pages", async () => {
    // A French page of another article, cached and fresh.
    await eventually(async () => (await cacheStatus(otherFr)) === 'HIT');
    const response = await fetch(`${siteUrl}/api/revalidate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secrets.revalidate}` },
      body: JSON.stringify({
        event: 'entry.publish',
        model: 'article',
        entry: { documentId: article.documentId, locale: 'fa', slug: versions.fa.slug },
      }),
    });
    expect(response.status).toBe(200);
    const { revalidated } = (await response.json()) as { revalidated: string[] };
    expect(revalidated).toContain('articles:fa');
    for (const [locale, version] of Object.entries(versions)) {
      expect(revalidated).toContain(`article:fa:${version.slug}`);
      expect(revalidated).toContain(`article:fr:${version.slug}`);
      expect(revalidated, locale).toContain(`article:${locale}:${version.slug}`);
    }
    expect(revalidated).not.toContain('articles:fr');
    expect(revalidated.filter((tag) => tag.includes(other.fr!.slug))).toEqual([]);
    // The other French article is still served fresh from the cache; this article's pages were refreshed.
    expect(await cacheStatus(otherFr)).toBe('HIT');
    expect(await cacheStatus(articlePath('fa', versions.fa.slug))).toBe('STALE');
  });
});

describe('preview', () => {
  const draftTitle = `Draft only ${stamp}`;
  const path = () => articlePath('en', versions.en.slug);

  beforeAll(async () => {
    await article.edit([{ action: 'update', locale: 'en', data: { title: draftTitle } }]);
  }, 60_000);

  it('refuses to start without the preview secret', async () => {
    expect((await page(`/api/preview?path=${encodeURIComponent(path())}`)).status).toBe(401);
    expect((await page(`/api/preview?secret=wrong&path=${encodeURIComponent(path())}`)).status).toBe(401);
  });

  it('refuses to send the editor anywhere but a page of the site', async () => {
    for (const target of ['https://example.org/', '//example.org/en', '/\\example.org', '/de/x']) {
      const { status } = await page(`/api/preview?secret=${secrets.preview}&path=${encodeURIComponent(target)}`);
      expect(status, target).toBe(400);
    }
  });

  it('shows a draft only in preview, marked as a preview and never cached for the public', async () => {
    expect((await page(path())).html).not.toContain(draftTitle);

    const start = await page(`/api/preview?secret=${secrets.preview}&path=${encodeURIComponent(path())}`);
    expect(start.status).toBe(307);
    expect(start.headers.get('location')).toBe(path());
    const cookies = start.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
    expect(cookies).toContain('__prerender_bypass');

    const preview = await page(path(), { headers: { cookie: cookies } });
    expect(preview.status).toBe(200);
    expect(preview.html).toContain(draftTitle);
    expect(preview.html).toMatch(/data-preview|class="preview/);
    expect(preview.headers.get('cache-control') ?? '').toMatch(/no-store|private|no-cache/);

    // Every page that shows the document shows its draft: the article index too.
    expect((await page('/en/articles', { headers: { cookie: cookies } })).html).toContain(draftTitle);
    expect((await page('/en/articles')).html).not.toContain(draftTitle);

    const publicAfter = await page(path());
    expect(publicAfter.html).not.toContain(draftTitle);
    expect(publicAfter.html).toContain(versions.en.title);

    const exit = await page(`/api/preview/exit?path=${encodeURIComponent(path())}`, { headers: { cookie: cookies } });
    expect(exit.status).toBe(307);
    expect(exit.headers.getSetCookie().join(';')).toMatch(/__prerender_bypass=;|Expires=Thu, 01 Jan 1970|Max-Age=0/i);
  });
});
