import { describe, expect, inject, it } from 'vitest';
import localeList from '../../locales/locales.json';
import { blocksToText, type Block } from '../../scripts/lib/blocks';
import { graphql } from '../helpers/cms';
import { normalizeDigits, SOURCE_FIGURES, sourceStatement } from '../helpers/content';

const cms = { graphqlUrl: `${inject('cmsUrl')}/graphql` };
const codes = localeList.locales.map((locale) => locale.code);

const STATEMENT = /* GraphQL */ `
  query Statement($locale: I18NLocaleCode!) {
    statement(locale: $locale) {
      documentId
      locale
      title
      lead
      body
      callToAction
      translation {
        translator
        reviewState
      }
      localizations {
        locale
      }
    }
  }
`;

const ARTICLES = /* GraphQL */ `
  query Articles($locale: I18NLocaleCode!) {
    articles(locale: $locale, sort: ["slug:asc"]) {
      documentId
      locale
      title
      slug
      translation {
        reviewState
      }
      localizations(sort: ["locale:asc"]) {
        locale
        slug
      }
    }
  }
`;

describe('locales', () => {
  it('are exactly the locales of the one list, with its default', async () => {
    const { body } = await graphql(cms, '{ i18NLocales(sort: ["code:asc"]) { code } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.i18NLocales.map((locale: { code: string }) => locale.code)).toEqual([...codes].sort());
    const rest = (await (await fetch(`${inject('cmsUrl')}/api/i18n/locales`)).json()) as { code: string; isDefault: boolean }[];
    expect(rest.map((locale) => locale.code).sort()).toEqual([...codes].sort());
    expect(rest.find((locale) => locale.isDefault)?.code).toBe(localeList.defaultLocale);
  });
});

describe('the statement', () => {
  it.each(codes)('is published in %s with its sister translations', async (locale) => {
    const { body } = await graphql(cms, STATEMENT, { locale });
    expect(body.errors).toBeUndefined();
    const statement = body.data.statement;
    expect(statement.locale).toBe(locale);
    expect(statement.title.length).toBeGreaterThan(20);
    expect(statement.localizations.map((item: { locale: string }) => item.locale).sort()).toEqual(
      codes.filter((code) => code !== locale).sort(),
    );
    expect(statement.translation.reviewState).toBe(locale === 'en' ? 'human_reviewed' : 'machine_assisted');
  });

  it('is the source text, verbatim, in English', async () => {
    const { body } = await graphql(cms, STATEMENT, { locale: 'en' });
    const { title, lead, body: blocks, callToAction } = body.data.statement;
    const source = sourceStatement();
    expect(title).toBe(source.title);
    expect([lead, blocksToText(blocks as Block[]), callToAction].join('\n\n')).toBe(source.body);
  });

  it.each(codes.filter((code) => code !== 'en'))('keeps every figure of the source in %s', async (locale) => {
    const { body } = await graphql(cms, STATEMENT, { locale });
    const { title, lead, body: blocks, callToAction } = body.data.statement;
    const text = normalizeDigits([title, lead, blocksToText(blocks as Block[]), callToAction].join('\n'));
    for (const figure of SOURCE_FIGURES) expect(text, `${locale} lacks ${figure}`).toContain(figure);
  });
});

describe('articles', () => {
  it('are listed per locale with the slugs of their published translations', async () => {
    const en = (await graphql(cms, ARTICLES, { locale: 'en' })).body.data.articles;
    const fa = (await graphql(cms, ARTICLES, { locale: 'fa' })).body.data.articles;
    expect(en.length).toBeGreaterThanOrEqual(3);
    for (const article of fa) {
      expect(article.locale).toBe('fa');
      const english = en.find((item: { documentId: string }) => item.documentId === article.documentId);
      const sisterSlugs = Object.fromEntries(
        article.localizations.map((item: { locale: string; slug: string }) => [item.locale, item.slug]),
      );
      if (english) expect(sisterSlugs.en).toBe(english.slug);
      expect(sisterSlugs.fa).toBeUndefined();
    }
  });

  it('answers null for a translation that does not exist, not the English version', async () => {
    const fa = (await graphql(cms, ARTICLES, { locale: 'fa' })).body.data.articles;
    const ar = (await graphql(cms, ARTICLES, { locale: 'ar' })).body.data.articles;
    const missingInAr = fa.find(
      (article: { documentId: string }) => !ar.some((other: { documentId: string }) => other.documentId === article.documentId),
    );
    expect(missingInAr, 'the seed has an article without an Arabic version').toBeDefined();

    const { body } = await graphql(cms, 'query($id: ID!) { article(documentId: $id, locale: "ar") { title locale } }', {
      id: missingInAr.documentId,
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.article).toBeNull();
    expect(missingInAr.localizations.some((item: { locale: string }) => item.locale === 'ar')).toBe(false);
  });

  it('finds an article by its slug in its own locale only', async () => {
    const fa = (await graphql(cms, ARTICLES, { locale: 'fa' })).body.data.articles[0];
    const query =
      'query($slug: String!, $locale: I18NLocaleCode!) { articles(locale: $locale, filters: { slug: { eq: $slug } }) { documentId } }';
    expect((await graphql(cms, query, { slug: fa.slug, locale: 'fa' })).body.data.articles).toEqual([
      { documentId: fa.documentId },
    ]);
    expect((await graphql(cms, query, { slug: fa.slug, locale: 'en' })).body.data.articles).toEqual([]);
  });
});
