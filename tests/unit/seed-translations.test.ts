import { describe, expect, it } from 'vitest';
import { checkTranslation } from '../../cms/src/translations/integrity';
import { pickSourceFields, TRANSLATED_TYPES, type TranslatedUid } from '../../cms/src/translations/source-fields';
import { sourceTexts } from '../../cms/src/translations/status';
import { readArticleSeeds, readStatementSeeds, type ArticleSeed, type StatementSeed } from '../../scripts/lib/seed-files';

// Every seeded translation (the statement and the articles, every translated field) passes the
// integrity check against its English: the figures and the glossary's names and terms are all there.

const fieldsOf = (uid: TranslatedUid) => (seed: StatementSeed | ArticleSeed) =>
  sourceTexts(pickSourceFields(uid, seed as unknown as Record<string, unknown>));
const statementFields = fieldsOf(TRANSLATED_TYPES.statement.uid);
const articleFields = fieldsOf(TRANSLATED_TYPES.article.uid);

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
