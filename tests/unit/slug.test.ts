import { describe, expect, it } from 'vitest';
import articleSchema from '../../cms/src/api/article/content-types/article/schema.json';
import fc from 'fast-check';
import { isSlug, slugify, SLUG_MAX_BYTES, SLUG_MAX_LENGTH, SLUG_PATTERN } from '../../cms/src/api/article/slugs/rules';

describe('slugify', () => {
  it('folds Latin text, French accents and ligatures to a-z0-9', () => {
    expect(slugify('Comment partager, imprimer et republier la déclaration ?')).toBe(
      'comment-partager-imprimer-et-republier-la-declaration',
    );
    expect(slugify('Œuvre — Ça marche à 100 %')).toBe('oeuvre-ca-marche-a-100');
  });

  it('keeps Persian letters, turning the zero-width non-joiner into a hyphen', () => {
    expect(slugify('ترجمه‌ها چگونه تهیه می‌شوند؟')).toBe('ترجمه-ها-چگونه-تهیه-می-شوند');
    expect(slugify('آزادی')).toBe('آزادی');
  });

  it('keeps Arabic letters and drops vowel marks, tatweel and Arabic punctuation', () => {
    expect(slugify('كَيْفَ تُعَدّ الترجمات، ولماذا؟')).toBe('كيف-تعد-الترجمات-ولماذا');
    expect(slugify('العـــربية')).toBe('العربية');
  });

  it('folds Arabic presentation forms to ordinary letters', () => {
    expect(slugify('\uFEFB')).toBe('لا');
  });

  it('gives an empty string for text with nothing to keep, never a lone hyphen', () => {
    expect(slugify('  ?!… — ')).toBe('');
    expect(slugify('')).toBe('');
  });

  it('cuts long titles at a word boundary within the limit', () => {
    const slug = slugify('word '.repeat(100));
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slug.endsWith('-')).toBe(false);
    expect(isSlug(slug)).toBe(true);
  });

  it('always produces what the schema accepts', () => {
    const samples = ['Iran: 30,000 prisoners (1988)', 'قتل‌عام ۱۳۶۷', 'مجزرة عام ١٩٨٨', "L'été 1988", 'A_B.C~D', 'x'.repeat(400)];
    for (const sample of samples) {
      const slug = slugify(sample);
      expect(slug).not.toBe('');
      expect(SLUG_PATTERN.test(slug), slug).toBe(true);
    }
  });

  it('matches the regex in the article schema exactly', () => {
    expect(articleSchema.attributes.slug.regex).toBe(SLUG_PATTERN.source);
    expect(articleSchema.attributes.slug.maxLength).toBe(SLUG_MAX_LENGTH);
  });

  it('stays within the byte limit of a file name, in every script', () => {
    for (const word of ['abc', 'قتل‌عام', 'مجزرة']) {
      const slug = slugify(`${word} `.repeat(200));
      expect(new TextEncoder().encode(slug).length).toBeLessThanOrEqual(SLUG_MAX_BYTES);
      expect(isSlug(slug)).toBe(true);
    }
  });

  it('turns any text into a slug or nothing, and a slug into itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const slug = slugify(text);
        if (slug) {
          expect(isSlug(slug), slug).toBe(true);
          expect(slugify(slug)).toBe(slug);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
