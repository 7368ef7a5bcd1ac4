import { describe, expect, it } from 'vitest';
import { blocksToText, checkTranslation } from '../../cms/src/translations/integrity';
import { readArticleSeeds, readStatementSeeds, type ArticleSeed, type StatementSeed } from '../../scripts/lib/seed-files';

// Every seeded translation (the statement and the articles, every translated field) passes the
// integrity check against its English: the figures and the glossary's names and terms are all there.

const seoFields = (seed: StatementSeed | ArticleSeed) => ({
  'seo.metaTitle': seed.seo?.metaTitle ?? '',
  'seo.metaDescription': seed.seo?.metaDescription ?? '',
});
const statementFields = (seed: StatementSeed): Record<string, string> => ({
  title: seed.title,
  lead: seed.lead,
  body: blocksToText(seed.body),
  callToAction: seed.callToAction,
  ...seoFields(seed),
});
const articleFields = (seed: ArticleSeed): Record<string, string> => ({
  title: seed.title,
  excerpt: seed.excerpt,
  body: blocksToText(seed.body),
  ...seoFields(seed),
});

const statements = readStatementSeeds();
const englishStatement = statements.find((seed) => seed.locale === 'en')!;
const articleTranslations = readArticleSeeds().flatMap((versions) => {
  const english = versions.find((version) => version.locale === 'en');
  return english ? versions.filter((version) => version !== english).map((version) => ({ english, version })) : [];
});

describe('the seeded translations pass the integrity check', () => {
  it('has translations to check', () => {
    expect(statements.length).toBeGreaterThan(1);
    expect(articleTranslations.length).toBeGreaterThan(0);
  });

  it.each(statements.filter((seed) => seed !== englishStatement))('statement, $locale', (seed) => {
    const problems = checkTranslation({
      source: statementFields(englishStatement),
      translation: statementFields(seed),
      locale: seed.locale,
    });
    expect(problems.map((problem) => problem.message)).toEqual([]);
  });

  it.each(articleTranslations.map(({ english, version }) => ({ key: version.key, locale: version.locale, english, version })))(
    'article $key, $locale',
    ({ english, version }) => {
      const problems = checkTranslation({
        source: articleFields(english),
        translation: articleFields(version),
        locale: version.locale,
      });
      expect(problems.map((problem) => problem.message)).toEqual([]);
    },
  );
});
