import { describe, expect, it } from 'vitest';
import { tags, tagsFor } from '../../web/src/data/tags';

// What a change in the CMS refreshes on the site: as narrow as correct (see web/src/data/tags.ts).
describe('revalidation tags', () => {
  it("a Persian article version: Persian lists, and that article's pages in every locale, nothing else", () => {
    const revalidated = tagsFor({ model: 'article', locale: 'fa', slugs: ['how-it-works', 'چگونه'] });
    expect(revalidated).toContain(tags.articleList('fa'));
    for (const locale of ['en', 'fa', 'fr', 'ar']) {
      expect(revalidated).toContain(tags.article(locale, 'how-it-works'));
      expect(revalidated).toContain(tags.article(locale, 'چگونه'));
    }
    expect(revalidated).not.toContain(tags.articleList('fr'));
    expect(revalidated).not.toContain(tags.article('fr', 'another-article'));
    expect(revalidated).not.toContain(tags.all);
    expect(revalidated.some((tag) => tag.startsWith('statement:'))).toBe(false);
  });

  it("an article deleted in every locale: every locale's lists", () => {
    const revalidated = tagsFor({ model: 'article', locale: null, slugs: ['gone'] });
    for (const locale of ['en', 'fa', 'fr', 'ar']) expect(revalidated).toContain(tags.articleList(locale));
  });

  it('the statement: its pages in every locale (each shows which versions exist), and no article page', () => {
    expect(tagsFor({ model: 'statement', locale: 'fa' }).sort()).toEqual(['ar', 'en', 'fa', 'fr'].map(tags.statement).sort());
  });
});
