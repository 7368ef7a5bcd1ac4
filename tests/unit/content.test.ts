import { describe, expect, it } from 'vitest';
import localeList from '../../locales/locales.json';
import { blocksToText } from '../../scripts/lib/blocks';
import { readArticleSeeds, readStatementSeeds } from '../../scripts/lib/seed-files';
import { isSlug } from '../../cms/src/api/article/slugs/rules';
import { normalizeDigits, SOURCE_FIGURES, sourceStatement } from '../helpers/content';

const statements = readStatementSeeds();
const codes = localeList.locales.map((locale) => locale.code);
const fullText = (seed: (typeof statements)[number]) => [seed.lead, blocksToText(seed.body), seed.callToAction].join('\n\n');

describe('normalizeDigits', () => {
  it('reads the same figure in every digit script and grouping', () => {
    for (const written of ['30,000', '۳۰٬۰۰۰', '٣٠٬٠٠٠', '30 000', '30\u202F000', '30000']) {
      expect(normalizeDigits(written)).toBe('30000');
    }
    expect(normalizeDigits('۱۹۸۸')).toBe('1988');
  });
});

describe('the statement seed', () => {
  it('exists in every locale of the list, and in no other', () => {
    expect(statements.map((seed) => seed.locale).sort()).toEqual([...codes].sort());
  });

  it('publishes the English source verbatim', () => {
    const source = sourceStatement();
    const en = statements.find((seed) => seed.locale === 'en')!;
    expect(en.title).toBe(source.title);
    expect(fullText(en)).toBe(source.body);
  });

  it.each(statements.filter((seed) => seed.locale !== 'en'))('keeps every figure of the source in $locale', (seed) => {
    const text = normalizeDigits([seed.title, fullText(seed)].join('\n'));
    for (const figure of SOURCE_FIGURES) expect(text, `${seed.locale} lacks ${figure}`).toContain(figure);
  });

  it.each(statements.filter((seed) => seed.locale !== 'en'))('translates every paragraph into $locale', (seed) => {
    const source = sourceStatement().body.split('\n\n');
    const paragraphs = fullText(seed).split('\n\n');
    expect(paragraphs).toHaveLength(source.length);
    paragraphs.forEach((paragraph, index) => {
      expect(paragraph, `paragraph ${index + 1} is left in English`).not.toBe(source[index]);
      expect(paragraph.length, `paragraph ${index + 1} looks cut`).toBeGreaterThan(source[index]!.length * 0.6);
    });
  });

  it.each(statements.filter((seed) => ['fa', 'ar'].includes(seed.locale)))('writes $locale in Arabic script', (seed) => {
    const letters = fullText(seed).match(/\p{L}/gu) ?? [];
    const arabicScript = letters.filter((letter) => /\p{Script=Arabic}/u.test(letter));
    expect(arabicScript.length / letters.length).toBeGreaterThan(0.97);
  });

  it('marks every translation machine-assisted, and the source as reviewed', () => {
    for (const seed of statements) {
      expect(seed.translation.reviewState, seed.locale).toBe(seed.locale === 'en' ? 'human-reviewed' : 'machine-assisted');
    }
  });
});

describe('Persian and Arabic text', () => {
  const all = [...statements, ...readArticleSeeds().flat()];
  it('uses Persian ی and ک in Persian, never the Arabic forms', () => {
    for (const seed of all.filter((item) => item.locale === 'fa')) {
      expect(JSON.stringify(seed), seed.title).not.toMatch(/[\u064A\u0643]/);
    }
  });
  it('uses Arabic script in Arabic, not Persian-only letters', () => {
    for (const seed of all.filter((item) => item.locale === 'ar')) {
      expect(JSON.stringify(seed), seed.title).not.toMatch(/[\u06CC\u06A9\u067E\u0686\u0698\u06AF]/);
    }
  });
});

describe('the article seeds', () => {
  const articles = readArticleSeeds();

  it('has at least three articles, one missing a locale and one with a draft-only translation', () => {
    expect(articles.length).toBeGreaterThanOrEqual(3);
    expect(articles.some((versions) => versions.length < codes.length && versions.some((v) => v.status === 'published'))).toBe(
      true,
    );
    expect(
      articles.some((versions) => versions.some((v) => v.status === 'published') && versions.some((v) => v.status === 'draft')),
    ).toBe(true);
  });

  it('gives every version a valid slug, unique in its locale, and only configured locales', () => {
    const seen = new Set<string>();
    for (const version of articles.flat()) {
      expect(codes).toContain(version.locale);
      expect(isSlug(version.slug), `${version.key}/${version.locale}: ${version.slug}`).toBe(true);
      const key = `${version.locale}:${version.slug}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });
});
