import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNTHETIC_TRANSLATOR, syntheticArticle, syntheticSlug, wordCount } from '../../scripts/bench/corpus';
import { describeGrowth, scaleSection, type ScalePoint } from '../../scripts/bench/scale';
import { ROOT } from '../../scripts/lib/repo-dirs';

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'cms/src/api/article/content-types/article/schema.json'), 'utf8'));

describe('the synthetic corpus', () => {
  it('is deterministic, clearly synthetic, of realistic length, and valid for the CMS in every locale', () => {
    const slugPattern = new RegExp(schema.attributes.slug.regex);
    for (const locale of ['en', 'fa', 'fr', 'ar']) {
      for (const index of [1, 500, 1000]) {
        const article = syntheticArticle(index, locale);
        expect(syntheticArticle(index, locale)).toEqual(article);
        expect(article.title.startsWith(`[synthetic ${String(index).padStart(4, '0')}]`)).toBe(true);
        expect(article.title.length).toBeLessThanOrEqual(schema.attributes.title.maxLength);
        expect(article.excerpt.length).toBeLessThanOrEqual(schema.attributes.excerpt.maxLength);
        expect(article.slug).toBe(syntheticSlug(index, locale));
        expect(slugPattern.test(article.slug)).toBe(true);
        expect(article.translation.translator).toBe(SYNTHETIC_TRANSLATOR);
        const words = wordCount(article);
        expect(words).toBeGreaterThanOrEqual(400);
        expect(words).toBeLessThan(1400);
        expect(article.body.some((block) => block.type === 'heading')).toBe(true);
      }
    }
    expect(syntheticArticle(1, 'fa').body[0]!.children[0]!.text).toMatch(/[\u0600-\u06FF]/);
  });

  it('is never part of the default seed', () => {
    const seedFiles = fs.readdirSync(path.join(ROOT, 'cms/seed'), { recursive: true }).map(String);
    const seedText = seedFiles
      .filter((file) => file.endsWith('.md'))
      .map((file) => fs.readFileSync(path.join(ROOT, 'cms/seed', file), 'utf8'))
      .join('\n');
    expect(seedText).not.toContain('[synthetic');
    expect(fs.readFileSync(path.join(ROOT, 'scripts/lib/seed.ts'), 'utf8')).not.toContain('corpus');
  });
});

describe('the scale report', () => {
  const point = (articles: number, factor: number): ScalePoint => ({
    articles,
    documents: articles * 4,
    loadMs: 100 * articles,
    buildMs: 20_000 + 100 * articles,
    prerendered: articles * 4 + 30,
    cmsRssIdle: 200e6,
    cmsRssAfter: 250e6 * factor,
    siteRss: 150e6,
    indexP50: 3,
    indexP95: 5,
    lastIndexPage: '/en/articles/page/2',
    lastIndexP50: 3,
    articleP50: 3,
    articleP95: 5,
    queries: { ArticleList: 10 * factor },
    dbBytes: 1e6 * articles,
  });

  it('shows each size side by side with the growth, in words too', () => {
    const points = [point(10, 1), point(1000, 1.2)];
    const section = scaleSection(points, { tiny: false });
    expect(section.columns).toEqual(['measure', '10 articles', '1,000 articles', 'growth']);
    const load = section.rows.find((row) => row[0] === 'time to load the corpus')!;
    expect(load).toEqual(['time to load the corpus', '1.0 s', '100.0 s', '×100.0']);
    const words = describeGrowth(points).join(' ');
    expect(words).toContain('corpus load: 1.0 s → 100.0 s (×100.0, about linear)');
    expect(words).toContain('cached article page p50: 3.0 ms → 3.0 ms (×1.0, about flat)');
  });
});
