import { describe, expect, it } from 'vitest';
import { checkQuery, LIMITS, type Model } from '../../cms/src/public-access/query-rules';
import { assertPublishedOnly, mayReadDrafts } from '../../cms/src/public-access/readers';

const article: Model = {
  uid: 'api::article.article',
  attributes: {
    title: { type: 'string' },
    slug: { type: 'uid' },
    locale: { type: 'string' },
    publishedAt: { type: 'datetime' },
    body: { type: 'blocks' },
    secret: { type: 'string', private: true },
    cover: { type: 'media' },
    seo: { type: 'component', component: 'shared.seo' },
    localizations: { type: 'relation', relation: 'oneToMany', target: 'api::article.article' },
    createdBy: { type: 'relation', relation: 'oneToOne', target: 'admin::user', private: true },
  },
};
const file: Model = {
  uid: 'plugin::upload.file',
  attributes: { url: { type: 'string' }, related: { type: 'relation', relation: 'morphToMany' } },
};
const seo: Model = { uid: 'shared.seo', attributes: { metaTitle: { type: 'string' }, shareImage: { type: 'media' } } };
const models: Record<string, Model> = { [article.uid]: article, [file.uid]: file, [seo.uid]: seo };
const check = (query: Record<string, unknown>) => () => checkQuery(query, article, (uid) => models[uid]);

describe('who may read drafts', () => {
  it('is an editor or an API token an admin issued, never the public', () => {
    expect(mayReadDrafts(undefined)).toBe(false);
    expect(mayReadDrafts({ strategy: { name: 'users-permissions' }, credentials: null })).toBe(false);
    expect(mayReadDrafts({ strategy: { name: 'api-token' }, credentials: { type: 'custom' } })).toBe(false);
    expect(mayReadDrafts({ strategy: { name: 'content-api-token' }, credentials: { type: 'read-only' } })).toBe(true);
    expect(mayReadDrafts({ strategy: { name: 'api-token' }, credentials: { type: 'full-access' } })).toBe(true);
    expect(mayReadDrafts({ strategy: { name: 'admin' } })).toBe(true);
    expect(mayReadDrafts({ strategy: { name: 'admin-token' } })).toBe(true);
  });

  it('gives the public published versions only, whatever the spelling', () => {
    for (const params of [{}, { status: 'published' }, { publicationState: 'live' }, { status: null }]) {
      expect(() => assertPublishedOnly(params)).not.toThrow();
    }
    for (const params of [
      { status: 'draft' },
      { status: 'PUBLISHED' },
      { status: 'Published' },
      { status: ' published' },
      { status: ['published'] },
      { status: { $eq: 'published' } },
      { publicationState: 'preview' },
      { publicationFilter: 'never-published-document' },
      { hasPublishedVersion: false },
    ]) {
      expect(() => assertPublishedOnly(params), JSON.stringify(params)).toThrow(/not public/);
    }
  });
});

describe('what the public may query', () => {
  it('allows what the site asks: filters and sorts on the fields of the type itself', () => {
    expect(
      check({ filters: { slug: { $eq: 'a' } }, sort: ['locale:asc', 'publishedAt:desc', 'documentId:asc', 'slug:asc'] }),
    ).not.toThrow();
    expect(check({ filters: { slug: { eq: 'a' } }, sort: 'slug:asc,title' })).not.toThrow();
    expect(
      check({ filters: { $or: [{ title: { $startsWith: 'x' } }, { locale: 'en' }], body: { $contains: 'y' } } }),
    ).not.toThrow();
    expect(
      check({
        fields: ['title', 'slug'],
        populate: { localizations: { fields: ['slug'], sort: 'locale' }, seo: { populate: ['shareImage'] } },
      }),
    ).not.toThrow();
    expect(check({ populate: '*' })).not.toThrow();
    expect(check({ populate: 'seo.shareImage,cover' })).not.toThrow();
  });

  it.each([
    ['a relation filter', { filters: { localizations: { title: { $startsWith: 'x' } } } }],
    ['a relation filter in GraphQL form', { filters: { and: [{ localizations: { title: { startsWith: 'x' } } }] } }],
    ['a media filter', { filters: { cover: { url: { $null: false } } } }],
    ['a component filter', { filters: { seo: { metaTitle: 'x' } } }],
    ['a private field', { filters: { secret: 'x' } }],
    ['an unknown operator under a field', { filters: { title: { $foo: 'x' } } }],
    ['a field under a field', { filters: { title: { slug: 'x' } } }],
    ['a relation filter inside a populate', { populate: { localizations: { filters: { localizations: { title: 'x' } } } } }],
    ['a relation sort', { sort: 'localizations.title:asc' }],
    ['a relation sort object', { sort: [{ localizations: { title: 'asc' } }] }],
    ['a bad sort direction', { sort: 'title:sideways' }],
    ['a private field', { fields: ['secret'] }],
    ['a polymorphic populate', { populate: { cover: { populate: ['related'] } } }],
    ['a polymorphic populate path', { populate: 'cover.related' }],
    ['a wildcard reaching a polymorphic relation', { populate: { cover: { populate: '*' } } }],
    ['a populate fragment', { populate: { cover: { on: { x: true } } } }],
    ['a private relation', { populate: ['createdBy'] }],
    ['a long string', { filters: { title: { $contains: 'x'.repeat(LIMITS.stringLength + 1) } } }],
    ['a long list', { filters: { slug: { $in: Array.from({ length: LIMITS.listLength + 1 }, (_, i) => `s${i}`) } } }],
    ['a list parsed as an object', { filters: { slug: { $in: { 0: 'a', 150: 'b' } } } }],
    [
      'deep nesting',
      { filters: Array.from({ length: LIMITS.depth + 1 }).reduce((inner) => ({ $and: [inner] }), { title: 'x' }) },
    ],
  ])('refuses %s', (_label, query) => {
    expect(check(query as Record<string, unknown>)).toThrow();
    try {
      check(query as Record<string, unknown>)();
    } catch (error) {
      expect((error as Error).name).toBe('ValidationError');
      expect((error as Error).message.length).toBeLessThan(200);
    }
  });
});
