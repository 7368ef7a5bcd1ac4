import { spawn } from 'node:child_process';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { isSlug } from '../../cms/src/api/article/slugs/rules';
import { ROOT } from '../../scripts/lib/repo-dirs';
import { TSX } from '../../scripts/lib/processes';
import { runStrapiTask } from '../helpers/cms';
import { queryDb, tryWrite } from '../helpers/db';

const env = inject('cmsEnv');
const database = inject('cmsDatabase');
const uid = 'api::article.article';
const body = [{ type: 'paragraph', children: [{ type: 'text', text: 'Slug test.' }] }];
const created: string[] = [];

afterAll(async () => {
  if (created.length)
    await runStrapiTask(
      env,
      created.map((documentId) => ({ action: 'delete', uid, documentId, locale: '*' })),
    );
}, 120_000);

describe('article slugs, as editors save them', () => {
  it('are made from a Persian or Arabic title, kept through title edits, normalised when typed, unique per locale', async () => {
    const [fa, faEdited, faTyped, ar, twin] = await runStrapiTask<{ documentId: string; slug: string }[]>(env, [
      { action: 'create', uid, locale: 'fa', data: { title: 'قتل‌عام زندانیان سیاسی', body } },
      { action: 'update', uid, documentId: '$0', locale: 'fa', data: { title: 'عنوانی دیگر' } },
      { action: 'update', uid, documentId: '$0', locale: 'fa', data: { slug: '  Slug  Typed By Hand! ' } },
      { action: 'update', uid, documentId: '$0', locale: 'ar', data: { title: 'مجزرة السجناء السياسيين', slug: '' } },
      { action: 'create', uid, locale: 'fa', data: { title: 'قتل‌عام زندانیان سیاسی', body } },
    ]);
    created.push(fa!.documentId, twin!.documentId);

    expect(fa!.slug).toBe('قتل-عام-زندانیان-سیاسی');
    expect(faEdited!.slug).toBe(fa!.slug);
    expect(faTyped!.slug).toBe('slug-typed-by-hand');
    expect(ar!.slug).toBe('مجزرة-السجناء-السياسيين');
    expect(twin!.slug).toBe('قتل-عام-زندانیان-سیاسی');
    for (const slug of [fa!.slug, faTyped!.slug, ar!.slug]) expect(isSlug(slug)).toBe(true);
  });

  it('never end up empty, even for a title with no letters', async () => {
    const doc = await runStrapiTask<{ documentId: string; slug: string }>(env, {
      action: 'create',
      uid,
      locale: 'en',
      data: { title: '?!…', body },
    });
    created.push(doc.documentId);
    expect(doc.slug).toMatch(/^article(-\d+)?$/);
  });
});

type Saved = { documentId?: string; slug?: string; error?: string };

/** The same task in a process of its own, started now (editors on two machines, or a script beside the server). */
function taskInOwnProcess(task: Record<string, unknown>): Promise<Saved> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, 'tests/helpers/strapi-task.ts', JSON.stringify(task)], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', STRAPI_LOG_LEVEL: 'error', ...env },
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((text) => text.startsWith('RESULT '));
      resolve(line && code === 0 ? JSON.parse(line.slice('RESULT '.length)) : { error: out.slice(-2000) });
    });
  });
}

describe('unique slugs under concurrent saves', () => {
  const duplicates = () =>
    queryDb(
      database,
      'select locale, slug, published_at is null as draft, count(distinct document_id) as n from articles group by locale, slug, draft having count(distinct document_id) > 1',
    );

  it('gives saves made at the same moment in one CMS distinct slugs', async () => {
    const title = 'Saved at the same moment';
    const saved = await runStrapiTask<Saved[]>(env, {
      concurrently: Array.from({ length: 6 }, () => ({ action: 'create', uid, locale: 'en', data: { title, body } })),
    });
    created.push(...saved.flatMap((doc) => (doc.documentId ? [doc.documentId] : [])));
    expect(saved.map((doc) => doc.error)).toEqual(Array(6).fill(undefined));
    expect(new Set(saved.map((doc) => doc.slug)).size).toBe(6);
    expect(duplicates()).toEqual([]);
  });

  it('never stores one slug twice in a locale, even from two processes at once', async () => {
    const task = { action: 'create', uid, locale: 'fr', data: { title: 'Deux enregistrements simultanés', body } };
    const saved = await Promise.all([taskInOwnProcess(task), taskInOwnProcess(task)]);
    created.push(...saved.flatMap((doc) => (doc.documentId ? [doc.documentId] : [])));
    // Either both got a free slug, or the database refused the second and the editor is told to save again.
    for (const doc of saved) if (!doc.documentId) expect(doc.error).toMatch(/save again/);
    expect(saved.some((doc) => doc.documentId)).toBe(true);
    expect(duplicates()).toEqual([]);
  }, 120_000);

  it('is enforced by the database itself', () => {
    const [taken] = queryDb<{ locale: string; slug: string }>(
      database,
      "select locale, slug from articles where published_at is null and locale = 'en' limit 1",
    );
    const insert = (slug: string) => () =>
      tryWrite(
        database,
        "insert into articles (document_id, locale, slug, title) values ('duplicate-test', ?, ?, 'x')",
        taken!.locale,
        slug,
      );
    expect(insert(`${taken!.slug}-not-taken`)).not.toThrow();
    // SQLite's words, then PostgreSQL's.
    expect(insert(taken!.slug)).toThrow(
      /UNIQUE constraint failed|duplicate key value violates unique constraint "articles_slug_draft_unique"/,
    );
  });
});
