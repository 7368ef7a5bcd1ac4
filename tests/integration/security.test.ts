import { describe, expect, inject, it } from 'vitest';
import { graphql } from '../helpers/cms';
import { queryDb } from '../helpers/db';

const cmsUrl = inject('cmsUrl');
const cms = { graphqlUrl: `${cmsUrl}/graphql` };
const database = inject('cmsDatabase');

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

describe('the public cannot write', () => {
  const countArticles = () => queryDb<{ n: number }>(database, 'select count(*) as n from articles')[0]!.n;

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
    expect(queryDb(database, 'select count(*) as n from admin_users')).toEqual([{ n: 0 }]);
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
    const response = await fetch(`${cmsUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
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
