import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCms } from '../../scripts/lib/cms';
import { launchBrowser, type Browser, type Page } from '../helpers/browser';
import { graphql, runStrapiTask, startCms, type RunningCms } from '../helpers/cms';
import { adminApi, adminPage, adminToken, createEditor, editViewPath } from '../helpers/admin-panel';

/**
 * The translation status in Strapi's admin panel, as an editor (Strapi's Editor role) sees it in
 * Chromium: the article list's "Translations" column, the edit view's "Translations" panel with what
 * changed in the English and the "Mark as up to date" button, and the "Translations" overview page.
 * Runs a seeded CMS of its own with the admin panel, about a minute, after building the admin panel
 * when it is not built already (1.5–3 minutes, about 85 s of CPU).
 */
const ARTICLE = 'api::article.article';
const SLUG = 'how-to-report-a-translation-error'; // seeded in English and Persian only
const ADDED = 'Corrections are published within a week.';
const WAIT = { timeout: 20_000 };
const LABEL: Record<string, string> = {
  source: 'source',
  missing: 'missing',
  draft: 'draft only',
  outdated: 'outdated',
  current: 'current',
};

type Status = { state: string; hasDraftChanges: boolean; problems: unknown[]; reviewState: string | null };
type Overview = {
  documents: { uid: string; documentId: string; contentType: string; slug: string | null; locales: Record<string, Status> }[];
};

const superAdmin = { email: 'admin@example.org', password: 'Super-Admin-Pass-1' };
let cms: RunningCms;
let browser: Browser;
let page: Page;
let token: string;
let documentId: string;

const overview = () => adminApi<Overview>(cms.url, '/admin/translations/overview', { token });

beforeAll(async () => {
  buildCms('full');
  cms = await startCms({
    env: { SERVE_ADMIN_PANEL: 'true', ADMIN_EMAIL: superAdmin.email, ADMIN_PASSWORD: superAdmin.password },
  });
  const editor = await createEditor(cms.url, superAdmin, 'editor@example.org');
  token = await adminToken(cms.url, editor);
  const article = (await overview()).documents.find((document) => document.slug === SLUG)!;
  documentId = article.documentId;
  expect(article.locales.fa!.state).toBe('current');

  // An editor adds one English sentence and publishes it: the Persian translation is now outdated.
  const { body } = await graphql<{ articles: { excerpt: string }[] }>(
    cms,
    'query($slug: String!) { articles(locale: "en", filters: { slug: { eq: $slug } }) { excerpt } }',
    { slug: SLUG },
  );
  await runStrapiTask(cms.env, [
    {
      action: 'update',
      uid: ARTICLE,
      documentId,
      locale: 'en',
      data: { excerpt: `${body.data!.articles[0]!.excerpt} ${ADDED}` },
    },
    { action: 'publish', uid: ARTICLE, documentId, locale: 'en' },
  ]);

  browser = await launchBrowser();
  page = await adminPage(browser, cms.url, editor);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

/** Each badge of a container, as { locale: "fa outdated" } and { locale: state }. */
async function badges(container: ReturnType<Page['locator']>) {
  return container.locator('[data-translation-locale]').evaluateAll((elements) =>
    elements.map((element) => ({
      locale: element.getAttribute('data-translation-locale')!,
      state: element.getAttribute('data-translation-state')!,
      text: (element.textContent ?? '').trim(),
      title: element.getAttribute('title') ?? '',
    })),
  );
}

describe('admin panel: translation status', () => {
  it('the article list shows each locale of each article in words, from one overview request', async () => {
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/admin/translations/overview')) requests.push(request.url());
    });
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${ARTICLE}?plugins[i18n][locale]=en`);
    await expect.poll(() => page.locator('[data-translations-for]').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    expect(await page.locator('thead th', { hasText: 'Translations' }).count()).toBe(1);

    const expected = await overview();
    const rows = await page.locator('[data-translations-for]').count();
    expect(rows).toBe(expected.documents.filter((document) => document.uid === ARTICLE).length);
    for (const document of expected.documents.filter((entry) => entry.uid === ARTICLE)) {
      const shown = await badges(page.locator(`[data-translations-for="${document.documentId}"]`));
      expect(shown.map(({ locale, state }) => [locale, state])).toEqual(
        Object.entries(document.locales).map(([code, status]) => [code, status.state]),
      );
      for (const badge of shown) expect(badge.text.startsWith(`${badge.locale} ${LABEL[badge.state]}`)).toBe(true);
    }
    const reported = await badges(page.locator(`[data-translations-for="${documentId}"]`));
    expect(reported.find((badge) => badge.locale === 'fr')?.text).toBe('fr missing');
    expect(reported.find((badge) => badge.locale === 'fa')?.text).toBe('fa outdated');
    expect(reported.find((badge) => badge.locale === 'fa')?.title).toMatch(/Review: machine-assisted\.\nTranslator: /);
    expect(requests).toHaveLength(1);
  });

  it("the edit view's panel shows what changed in the English and marks the translation up to date", async () => {
    await page.goto(cms.url + editViewPath(ARTICLE, documentId, 'fa'));
    const panel = page.locator('[data-translations-panel="fa"]');
    await panel.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => panel.locator('[data-translations-state]').getAttribute('data-translations-state'), WAIT)
      .toBe('outdated');
    const excerpt = panel.locator('[data-diff-field="excerpt"]');
    await expect.poll(() => excerpt.locator('ins').textContent(), WAIT).toContain(ADDED);
    expect(await excerpt.locator('del').count()).toBe(0);

    const button = panel.getByRole('button', { name: 'Mark as up to date with the English' });
    expect(await button.getAttribute('aria-describedby')).toBeTruthy();
    await button.click();
    // Marking writes the draft: the panel says so, and the published translation stays outdated until published.
    await panel.locator('[data-translations-marked]').waitFor(WAIT);
    expect(await panel.getByRole('button', { name: 'Mark as up to date with the English' }).count()).toBe(0);
    const marked = (await overview()).documents.find((document) => document.documentId === documentId)!;
    expect(marked.locales.fa).toMatchObject({ state: 'outdated', hasDraftChanges: true });

    await runStrapiTask(cms.env, { action: 'publish', uid: ARTICLE, documentId, locale: 'fa' });
    const published = (await overview()).documents.find((document) => document.documentId === documentId)!;
    expect(published.locales.fa!.state).toBe('current');
    await page.reload();
    await expect
      .poll(() => panel.locator('[data-translations-state]').getAttribute('data-translations-state'), WAIT)
      .toBe('current');
    expect(await panel.locator('[data-diff-field]').count()).toBe(0);
    expect(await panel.locator('[data-translations-marked]').count()).toBe(0);
  });

  it('the overview page lists every document × locale, statement first, with a summary and links to each edit view', async () => {
    await page.goto(`${cms.url}/admin/translations`);
    const summary = page.locator('[data-translations-summary]');
    await summary.waitFor({ timeout: 30_000 });

    const expected = await overview();
    const counts: Record<string, number> = {};
    for (const document of expected.documents) {
      for (const status of Object.values(document.locales)) counts[status.state] = (counts[status.state] ?? 0) + 1;
    }
    const text = (await summary.textContent()) ?? '';
    for (const state of ['outdated', 'missing', 'current'] as const) {
      if (counts[state]) expect(text).toContain(`${counts[state]} ${state}`);
    }

    const rows = page.locator('[data-translations-row]');
    expect(await rows.count()).toBe(expected.documents.length);
    const statement = expected.documents.find((document) => document.contentType === 'statement')!;
    expect(await rows.first().getAttribute('data-translations-row')).toBe(statement.documentId);
    for (const document of expected.documents) {
      const shown = await badges(page.locator(`[data-translations-row="${document.documentId}"]`));
      expect(shown.map(({ locale, state }) => [locale, state])).toEqual(
        Object.entries(document.locales).map(([code, status]) => [code, status.state]),
      );
    }
    const frCell = page.locator(`[data-translations-row="${documentId}"] [data-translations-cell="fr"]`);
    expect(await frCell.locator('[data-translation-locale]').textContent()).toBe('fr missing');
    expect(await frCell.locator('a').getAttribute('href')).toBe(editViewPath(ARTICLE, documentId, 'fr'));

    await frCell.locator('a').click();
    await page.waitForURL((url) => url.pathname.endsWith(`/${documentId}`) && url.search.includes('fr'));
  });
});
