import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readArticleSeeds } from '../../scripts/lib/seed-files';
import { graphql, runStrapiTask } from '../helpers/cms';
import { readDb } from '../helpers/db';

const cmsUrl = inject('cmsUrl');
const cms = { graphqlUrl: `${cmsUrl}/graphql` };
const env = inject('cmsEnv');
const dbFile = inject('cmsDbFile');

const seeds = readArticleSeeds().flat();
const draftOnlyArticle = seeds.find((seed) => seed.status === 'draft' && seed.locale === 'en')!;
const draftOnlyTranslation = seeds.find((seed) => seed.status === 'draft' && seed.locale !== 'en')!;
const publishedArticle = seeds.find((seed) => seed.key === draftOnlyTranslation.key && seed.locale === 'en')!;

const documentIdOf = (slug: string) =>
  readDb(dbFile, (db) => db.prepare('select document_id from articles where slug = ? limit 1').get(slug).document_id as string);

const noStackTrace = (payload: unknown) => {
  const text = JSON.stringify(payload);
  expect(text).not.toMatch(/stacktrace/i);
  expect(text).not.toMatch(/\s+at\s+\S+\s+\(?\/.*:\d+:\d+/);
  expect(text).not.toContain('node_modules');
};

const rest = async (path: string, init?: RequestInit) => {
  const response = await fetch(`${cmsUrl}${path}`, init);
  const text = await response.text();
  return { status: response.status, text };
};

const UNPUBLISHED_TITLE = 'UNPUBLISHED EDIT — must never be public';

describe('drafts are never public', () => {
  let draftOnlyId: string;
  let editedId: string;

  beforeAll(() => {
    draftOnlyId = documentIdOf(draftOnlyArticle.slug);
    editedId = documentIdOf(publishedArticle.slug);
    // An editor saves a change to a published article without publishing it.
    runStrapiTask(env, {
      action: 'update',
      uid: 'api::article.article',
      documentId: editedId,
      locale: 'en',
      data: { title: UNPUBLISHED_TITLE },
    });
    const draftTitle = readDb(dbFile, (db) =>
      db.prepare('select title from articles where document_id = ? and locale = ? and published_at is null').get(editedId, 'en').title,
    );
    expect(draftTitle, 'the draft edit was saved').toBe(UNPUBLISHED_TITLE);
  }, 60_000);

  it('lists and finds only published versions by default', async () => {
    const { body } = await graphql(
      cms,
      `query($id: ID!, $draft: ID!, $slug: String!) {
        list: articles(locale: "en", sort: ["slug:asc"]) { documentId title }
        edited: article(documentId: $id, locale: "en") { title }
        draftOnly: article(documentId: $draft, locale: "en") { title }
        draftTranslation: article(documentId: $id, locale: "${draftOnlyTranslation.locale}") { title }
        bySlug: articles(locale: "en", filters: { slug: { eq: $slug } }) { title }
      }`,
      { id: editedId, draft: draftOnlyId, slug: draftOnlyArticle.slug },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.list.map((item: { documentId: string }) => item.documentId)).not.toContain(draftOnlyId);
    expect(body.data.edited.title).toBe(publishedArticle.title);
    expect(body.data.draftOnly).toBeNull();
    expect(body.data.draftTranslation).toBeNull();
    expect(body.data.bySlug).toEqual([]);
    expect(JSON.stringify(body)).not.toContain(UNPUBLISHED_TITLE);
  });

  it.each([
    ['a literal status', `query { articles(locale: "en", status: DRAFT) { title } }`, {}],
    ['a status variable', `query($s: PublicationStatus) { articles(locale: "en", status: $s) { title } }`, { s: 'DRAFT' }],
    ['one article', `query($id: ID!) { article(documentId: $id, locale: "en", status: DRAFT) { title } }`, 'edited'],
    ['the draft-only article', `query($id: ID!) { article(documentId: $id, locale: "en", status: DRAFT) { title } }`, 'draftOnly'],
    ['a connection', `query { articles_connection(locale: "en", status: DRAFT) { nodes { title } } }`, {}],
    ['the statement', `query { statement(locale: "fa", status: DRAFT) { title } }`, {}],
    ['an alias', `query { a: articles(locale: "en", status: DRAFT) { title } b: articles(locale: "en") { title } }`, {}],
  ])('refuses status: DRAFT through GraphQL (%s)', async (_label, query, variables) => {
    const vars = variables === 'edited' ? { id: editedId } : variables === 'draftOnly' ? { id: draftOnlyId } : variables;
    const { body } = await graphql(cms, query, vars as Record<string, unknown>);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(body)).not.toContain(UNPUBLISHED_TITLE);
    expect(JSON.stringify(body)).not.toContain(draftOnlyArticle.title);
    noStackTrace(body);
  });

  it.each(['MODIFIED', 'NEVER_PUBLISHED', 'NEVER_PUBLISHED_DOCUMENT', 'PUBLISHED_WITH_DRAFT'])(
    'does not leak drafts through publicationFilter: %s',
    async (filter) => {
      const { body } = await graphql(cms, `query { articles(locale: "en", publicationFilter: ${filter}) { title } }`);
      expect(JSON.stringify(body)).not.toContain(UNPUBLISHED_TITLE);
      expect(JSON.stringify(body)).not.toContain(draftOnlyArticle.title);
    },
  );

  it('does not leak drafts through hasPublishedVersion: false', async () => {
    const { body } = await graphql(cms, 'query { articles(locale: "en", hasPublishedVersion: false) { title } }');
    expect(JSON.stringify(body)).not.toContain(draftOnlyArticle.title);
    expect(JSON.stringify(body)).not.toContain(UNPUBLISHED_TITLE);
  });

  it.each([
    '/api/articles?status=draft',
    '/api/articles?status=DRAFT&locale=en',
    '/api/articles?publicationState=preview',
    '/api/statement?status=draft&locale=fa',
    'FINDONE',
    'FINDONE_DRAFT_ONLY',
  ])('refuses drafts through REST (%s)', async (path) => {
    const url =
      path === 'FINDONE'
        ? `/api/articles/${editedId}?status=draft`
        : path === 'FINDONE_DRAFT_ONLY'
          ? `/api/articles/${draftOnlyId}?status=draft`
          : path;
    const { status, text } = await rest(url);
    expect(status).toBe(403);
    expect(text).not.toContain(UNPUBLISHED_TITLE);
    expect(text).not.toContain(draftOnlyArticle.title);
    noStackTrace(text);
  });

  it('shows drafts to the site\'s preview token, and only to it', async () => {
    const query = `query($id: ID!) { article(documentId: $id, locale: "en", status: DRAFT) { title } }`;
    const preview = await graphql(cms, query, { id: editedId }, { authorization: `Bearer ${inject('cmsSecrets').previewToken}` });
    expect(preview.body.errors).toBeUndefined();
    expect(preview.body.data.article.title).toBe(UNPUBLISHED_TITLE);
    const forged = await graphql(cms, query, { id: editedId }, { authorization: 'Bearer not-the-token' });
    expect(forged.status).toBe(401);
    expect(JSON.stringify(forged.body)).not.toContain(UNPUBLISHED_TITLE);
    const rest = await fetch(`${cmsUrl}/api/articles/${draftOnlyId}?status=draft&locale=en`, {
      headers: { authorization: `Bearer ${inject('cmsSecrets').previewToken}` },
    });
    expect(rest.status).toBe(200);
  });

  it('serves published versions through REST without the draft edit', async () => {
    const list = await rest('/api/articles?locale=en&sort=slug');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(UNPUBLISHED_TITLE);
    expect(list.text).not.toContain(draftOnlyArticle.title);
    expect((await rest(`/api/articles/${draftOnlyId}`)).status).toBe(404);
  });
});

describe('the public cannot write', () => {
  const countArticles = () => readDb(dbFile, (db) => db.prepare('select count(*) as n from articles').get().n as number);

  it.each([
    ['create', 'mutation { createArticle(locale: "en", data: { title: "x", slug: "x" }) { documentId } }'],
    ['update', 'mutation { updateArticle(documentId: "abc", data: { title: "x" }) { documentId } }'],
    ['delete', 'mutation { deleteArticle(documentId: "abc") { documentId } }'],
    ['update the statement', 'mutation { updateStatement(data: { title: "x" }) { documentId } }'],
    ['register', 'mutation { register(input: { username: "a", email: "a@example.org", password: "Passw0rd!x" }) { jwt } }'],
    ['upload', 'mutation { deleteUploadFile(id: 1) { documentId } }'],
  ])('refuses a GraphQL mutation (%s)', async (_label, query) => {
    const before = countArticles();
    const { status, body } = await graphql(cms, query);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(/read-only|not available|Cannot query/);
    expect(countArticles()).toBe(before);
    noStackTrace(body);
  });

  it.each([
    ['POST', '/api/articles'],
    ['PUT', '/api/articles/abc'],
    ['DELETE', '/api/articles/abc'],
    ['PUT', '/api/statement'],
    ['DELETE', '/api/statement'],
    ['POST', '/api/upload'],
    ['POST', '/api/auth/local/register'],
  ])('refuses a REST write (%s %s)', async (method, path) => {
    const before = countArticles();
    const { status, text } = await rest(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { title: 'x', slug: 'x' }, username: 'a', email: 'a@example.org', password: 'Passw0rd!x' }),
    });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(countArticles()).toBe(before);
    noStackTrace(text);
  });

  it('has no admin account unless one was asked for', () => {
    expect(readDb(dbFile, (db) => db.prepare('select count(*) as n from admin_users').get().n)).toBe(0);
  });
});

describe('GraphQL operation limits', () => {
  it('rejects an over-deep query', async () => {
    const nested = (depth: number): string => (depth === 0 ? 'title' : `title localizations { ${nested(depth - 1)} }`);
    const { status, body } = await graphql(cms, `query { articles(locale: "en") { ${nested(9)} } }`);
    expect(status).toBe(400);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(/depth/i);
    noStackTrace(body);
  });

  it('answers a query of ordinary depth', async () => {
    const { body } = await graphql(cms, 'query { articles(locale: "fa") { title localizations { locale slug } } }');
    expect(body.errors).toBeUndefined();
  });

  it('rejects a query of 50 aliased lists', async () => {
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: articles(locale: "en") { title body }`).join('\n');
    const { status, body } = await graphql(cms, `query { ${aliases} }`);
    expect(status).toBe(400);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(/alias/i);
    noStackTrace(body);
  });

  it('does not allow introspection or serve a sandbox', async () => {
    const { body } = await graphql(cms, '{ __schema { types { name } } }');
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
    const sandbox = await fetch(`${cmsUrl}/graphql`, { headers: { accept: 'text/html' } });
    const page = await sandbox.text();
    expect(sandbox.status).toBeGreaterThanOrEqual(400);
    expect(page).not.toMatch(/<html|<script|cdn\./i);
  });
});

describe('bad input gets a clear 4xx and no stack trace', () => {
  it.each([
    ['a syntax error', '{ articles(locale: "en") { title '],
    ['an unknown field', '{ articles(locale: "en") { password } }'],
    ['an unknown locale', '{ articles(locale: "zz") { title } }'],
    ['a wrong variable type', 'query($p: Int) { articles(locale: "en", pagination: { page: $p }) { title } }'],
  ])('GraphQL: %s', async (_label, query) => {
    const { status, body } = await graphql(cms, query, { p: 'one' });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(body.errors?.length).toBeGreaterThan(0);
    noStackTrace(body);
  });

  it('GraphQL: a body that is not JSON', async () => {
    const response = await fetch(`${cmsUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    noStackTrace(await response.text());
  });

  it.each([
    '/api/articles?filters[$foo][bar]=1',
    '/api/articles?sort=doesNotExist:asc',
    '/api/articles?populate[nothing]=true',
    '/api/articles?pagination[pageSize]=abc',
    '/api/articles?locale=zz',
    '/api/articles?fields[0]=password',
  ])('REST: %s', async (path) => {
    const { status, text } = await rest(path);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    noStackTrace(text);
  });
});
