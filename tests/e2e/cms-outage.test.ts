import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runStrapiTask } from '../helpers/cms';

/**
 * Readers keep reading when the CMS is hung or down: pages already rendered are served from the
 * site's cache (200, last good content); a page never rendered gets a localized 503 with Retry-After,
 * within seconds; and the site recovers by itself when the CMS is back.
 */
const siteUrl = inject('siteUrl');
const control = inject('controlUrl');
const cmsEnv = inject('cmsEnv');
const stamp = Date.now().toString(36);
// One article per scenario, published after the build and never visited: no cached copy of it exists.
const fresh = {
  pause: { title: `Never rendered while hung ${stamp}`, slug: `never-rendered-hung-${stamp}` },
  kill: { title: `Never rendered while down ${stamp}`, slug: `never-rendered-down-${stamp}` },
};
const documentIds: string[] = [];

const cms = (action: 'pause' | 'resume' | 'kill' | 'restart') =>
  fetch(`${control}/cms/${action}`, { method: 'POST' }).then((r) => {
    if (!r.ok) throw new Error(`control ${action}: ${r.status}`);
  });

async function page(path: string) {
  const started = Date.now();
  const response = await fetch(`${siteUrl}${path}`, { redirect: 'manual', signal: AbortSignal.timeout(20_000) });
  return { status: response.status, headers: response.headers, html: await response.text(), ms: Date.now() - started };
}

const cached = ['/en/statement', '/fa/statement', '/ar', '/fr/articles'];

beforeAll(async () => {
  for (const path of cached) expect((await page(path)).status, path).toBe(200);
  for (const article of Object.values(fresh)) {
    const [created] = await runStrapiTask<{ documentId: string }[]>(cmsEnv, [
      {
        action: 'create',
        uid: 'api::article.article',
        locale: 'en',
        data: { ...article, excerpt: '', body: [{ type: 'paragraph', children: [{ type: 'text', text: 'x' }] }] },
      },
      { action: 'publish', uid: 'api::article.article', documentId: '$0', locale: 'en' },
    ]);
    documentIds.push(created!.documentId);
  }
}, 60_000);

afterAll(async () => {
  await cms('restart');
  for (const documentId of documentIds)
    await runStrapiTask(cmsEnv, { action: 'delete', uid: 'api::article.article', documentId, locale: '*' });
}, 120_000);

describe.each([
  ['hung (SIGSTOP)', 'pause' as const],
  ['killed', 'kill' as const],
])('with the CMS %s', (_label, how) => {
  beforeAll(() => cms(how));

  it.each(cached)('still serves the rendered page %s', async (path) => {
    const { status, ms } = await page(path);
    expect(status).toBe(200);
    expect(ms).toBeLessThan(10_000);
  });

  it('answers a page never rendered with a localized 503 and Retry-After, within seconds', async () => {
    const { status, headers, html, ms } = await page(`/en/articles/${fresh[how].slug}`);
    expect(status).toBe(503);
    expect(Number(headers.get('retry-after'))).toBeGreaterThan(0);
    expect(html).toMatch(/<html[^>]+lang="en"/);
    expect(html).not.toMatch(/\bat \S+ \(|node_modules|CmsError/);
    expect(ms).toBeLessThan(15_000);

    const fa = await page(`/fa/articles/${encodeURIComponent(`هرگز-${stamp}`)}`);
    expect([404, 503]).toContain(fa.status);
    expect(fa.html).toMatch(/<html[^>]+lang="fa"[^>]*dir="rtl"|<html[^>]+dir="rtl"[^>]*lang="fa"/);
  });

  it('recovers by itself when the CMS is back', async () => {
    await cms(how === 'pause' ? 'resume' : 'restart');
    const deadline = Date.now() + 30_000;
    let last = await page(`/en/articles/${fresh[how].slug}`);
    while (last.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      last = await page(`/en/articles/${fresh[how].slug}`);
    }
    expect(last.status).toBe(200);
    expect(last.html).toContain(fresh[how].title);
  });
});
