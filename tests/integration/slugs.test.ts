import { afterAll, describe, expect, inject, it } from 'vitest';
import { isSlug } from '../../cms/src/utils/slug';
import { runStrapiTask } from '../helpers/cms';

const env = inject('cmsEnv');
const uid = 'api::article.article';
const body = [{ type: 'paragraph', children: [{ type: 'text', text: 'Slug test.' }] }];
const created: string[] = [];

afterAll(() => {
  for (const documentId of created) runStrapiTask(env, { action: 'delete', uid, documentId, locale: '*' });
}, 60_000);

describe('article slugs, as editors save them', () => {
  it('are made from a Persian or Arabic title, kept through title edits, normalised when typed, unique per locale', () => {
    const [fa, faEdited, faTyped, ar, twin] = runStrapiTask<{ documentId: string; slug: string }[]>(env, [
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

  it('never end up empty, even for a title with no letters', () => {
    const doc = runStrapiTask<{ documentId: string; slug: string }>(env, { action: 'create', uid, locale: 'en', data: { title: '?!…', body } });
    created.push(doc.documentId);
    expect(doc.slug).toMatch(/^article(-\d+)?$/);
  });
});
