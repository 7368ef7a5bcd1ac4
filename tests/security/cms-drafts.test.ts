/**
 * Drafts are never public (issue 8, findings 1 and 2, and the query side of 3): whatever the
 * parameters, a request without an API token reads published rows only, REST and GraphQL alike.
 * Each reproduction from the issue is a test; then fast-check generates whole classes of variants
 * (status spellings, filters through every relation and component, sorts and populates, oversized
 * input), each asserting no draft text, no 5xx, no SQL and a bounded body.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readArticleSeeds } from '../../scripts/lib/seed-files';
import { runStrapiTask, startCms, type RunningCms } from '../helpers/cms';
import { queryDb } from '../helpers/db';

const cmsUrl = inject('cmsUrl');
const env = inject('cmsEnv');
const database = inject('cmsDatabase');
const previewToken = inject('cmsSecrets').previewToken;

const seeds = readArticleSeeds().flat();
const draftOnlyArticle = seeds.find((seed) => seed.status === 'draft' && seed.locale === 'en')!;
const draftTranslation = seeds.find((seed) => seed.status === 'draft' && seed.locale !== 'en')!;
const editedArticle = seeds.find((seed) => seed.key === draftTranslation.key && seed.locale === 'en')!;
const UNPUBLISHED_TITLE = 'UNPUBLISHED EDIT — must never be public';
/** Text that exists only in unpublished rows. */
const DRAFT_TEXTS = [draftOnlyArticle.title, draftTranslation.title, UNPUBLISHED_TITLE];

const ERROR_BODY_LIMIT = 64 * 1024;
const BODY_LIMIT = 1024 * 1024;
// The words of a leaked query or driver error, from SQLite or PostgreSQL (quoted aliases, syntax errors).
const SQL =
  /\b(select|insert|update|delete)\b[\s\S]{0,200}\b(from|into|set)\b|sqlite|postgres|knex|[`"]t\d+[`"]\.|syntax error at or near/i;

let requests = 0;
type Answer = { status: number; text: string };

async function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<Answer> {
  requests += 1;
  const response = await fetch(`${cmsUrl}${pathAndQuery}`, { headers });
  return { status: response.status, text: await response.text() };
}

async function gql(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  operationName?: string,
): Promise<Answer> {
  requests += 1;
  const response = await fetch(`${cmsUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return { status: response.status, text: await response.text() };
}

/** What every answer to the public must be: no draft, no server error, no SQL, a bounded body. */
function expectSafe(answer: Answer, label = '') {
  const where = `${label} → ${answer.status} ${answer.text.slice(0, 300)}`;
  for (const text of DRAFT_TEXTS) expect(answer.text.includes(text), `draft text in ${where}`).toBe(false);
  expect(answer.status, where).toBeLessThan(500);
  expect(answer.text.length, where).toBeLessThan(BODY_LIMIT);
  const failed = answer.status >= 400 || answer.text.includes('"errors"');
  if (failed) {
    expect(answer.text.length, where).toBeLessThan(ERROR_BODY_LIMIT);
    expect(answer.text, where).not.toMatch(SQL);
    expect(answer.text, where).not.toMatch(/stacktrace|node_modules|\s+at\s+\S+\s+\(?\/.*:\d+:\d+/i);
  }
}

/** A query string in Strapi's bracket syntax: { filters: { slug: { $eq: 'x' } } } → filters[slug][$eq]=x. */
function toQuery(value: unknown, prefix = ''): string[] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => toQuery(item, prefix ? `${prefix}[${key}]` : key));
  }
  return [`${prefix}=${encodeURIComponent(String(value))}`];
}
const qs = (value: Record<string, unknown>) => toQuery(value).join('&');

const documentIdOf = (slug: string) =>
  queryDb<{ document_id: string }>(database, 'select document_id from articles where slug = ? limit 1', slug)[0]!.document_id;

let draftOnlyId: string;
let editedId: string;

beforeAll(async () => {
  draftOnlyId = documentIdOf(draftOnlyArticle.slug);
  editedId = documentIdOf(editedArticle.slug);
  // A file used as the cover of a published article and of the never-published one (its `related`
  // reaches both), then an unpublished edit of the published article, as an editor would save it.
  const [file] = await runStrapiTask<[{ id: number }]>(env, [
    {
      action: 'create',
      uid: 'plugin::upload.file',
      locale: 'en',
      data: {
        name: 'test-cover.png',
        hash: 'test_cover',
        ext: '.png',
        mime: 'image/png',
        size: 1,
        url: '/uploads/test_cover.png',
        provider: 'local',
        folderPath: '/',
        width: 8,
        height: 8,
      },
    },
  ]);
  await runStrapiTask(env, [
    { action: 'update', uid: 'api::article.article', documentId: editedId, locale: 'en', data: { cover: file.id } },
    { action: 'publish', uid: 'api::article.article', documentId: editedId, locale: 'en' },
    { action: 'update', uid: 'api::article.article', documentId: editedId, locale: 'en', data: { title: UNPUBLISHED_TITLE } },
    { action: 'update', uid: 'api::article.article', documentId: draftOnlyId, locale: 'en', data: { cover: file.id } },
  ]);
  const drafts = queryDb<{ title: string }>(database, 'select title from articles where published_at is null').map(
    (row) => row.title,
  );
  expect(drafts, 'the drafts the tests look for exist').toEqual(expect.arrayContaining(DRAFT_TEXTS));
}, 120_000);

afterAll(() => {
  console.log(`cms-drafts: ${requests} requests`);
});

describe('the reproductions of issue 8 no longer work', () => {
  it.each([
    '/api/articles?status=PUBLISHED&locale=*',
    '/api/articles?status=Published&locale=*',
    '/api/articles?status=pUBLISHED&locale=*',
    '/api/statement?status=PUBLISHED',
    '/api/statement?status=PUBLISHED&locale=ar',
  ])('finding 1: %s is refused (403)', async (url) => {
    const answer = await get(url);
    expect(answer.status).toBe(403);
    expectSafe(answer, url);
  });

  it('finding 2: a filter through localizations is refused, REST and GraphQL', async () => {
    const firstLetter = encodeURIComponent([...draftTranslation.title][0]!);
    const url = `/api/articles?locale=en&fields[0]=slug&filters[localizations][locale][$eq]=${draftTranslation.locale}&filters[localizations][title][$startsWith]=${firstLetter}`;
    const rest = await get(url);
    expect(rest.status).toBe(400);
    expectSafe(rest, url);
    const graph = await gql(
      'query($l: String, $t: String) { articles(locale: "en", filters: { localizations: { locale: { eq: $l }, title: { startsWith: $t } } }) { slug } }',
      {
        l: draftTranslation.locale,
        t: [...draftTranslation.title][0],
      },
    );
    expect(JSON.parse(graph.text).data?.articles ?? null).toBeNull();
    expectSafe(graph, 'graphql localizations filter');
  });

  it('finding 3 (query side): a 60 KB contains and a 32k-item in list are refused before any SQL', async () => {
    const long = await gql('query($t: String) { articles(locale: "en", filters: { title: { contains: $t } }) { slug } }', {
      t: 'x'.repeat(60_000),
    });
    expect(JSON.parse(long.text).data?.articles ?? null).toBeNull();
    expectSafe(long, '60 KB contains');
    const list = await gql('query($s: [String]) { articles(locale: "en", filters: { slug: { in: $s } }) { slug } }', {
      s: Array.from({ length: 32_000 }, (_, i) => `slug-${i}`),
    });
    expect(JSON.parse(list.text).data?.articles ?? null).toBeNull();
    expectSafe(list, '32k in list');
  });

  it("a cover's `related` (every row using the file, drafts included) is not public", async () => {
    for (const url of [
      '/api/upload/files?populate=related',
      '/api/upload/files?populate=*',
      `/api/articles?locale=en&populate[cover][populate]=related`,
    ]) {
      const answer = await get(url);
      expect(answer.status, url).toBe(400);
      expectSafe(answer, url);
    }
    const graph = await gql('{ articles(locale: "en") { cover { url related { ... on Article { title publishedAt } } } } }');
    expectSafe(graph, 'graphql cover.related');
    expect(graph.text).toMatch(/FORBIDDEN/);
  });
});

// ---------------------------------------------------------------------------------------------
// `status` in every spelling
// ---------------------------------------------------------------------------------------------

const LOOKALIKES: Record<string, string> = { e: 'е', p: 'р', i: 'і', l: 'ӏ', u: 'υ', d: 'ԁ', a: 'а' };
const encodeChar = (char: string) =>
  encodeURIComponent(char) === char
    ? `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
    : encodeURIComponent(char);

/** `published` or `draft` in any mix of upper and lower case (finding 1: `PUBLISHED`, `pUBLISHED`). */
const caseOnly = fc
  .tuple(fc.constantFrom('published', 'draft'), fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }))
  .map(([word, upper]) => [...word].map((char, i) => (upper[i] ? char.toUpperCase() : char)).join(''));

/** A word changed letter by letter (case, lookalikes, fullwidth, percent-encoding) and padded. */
const decorated = fc
  .tuple(
    fc.constantFrom('published', 'draft', 'preview', 'live', 'publish', 'PUBLISHED'),
    fc.array(fc.constantFrom('same', 'upper', 'lookalike', 'encoded', 'fullwidth'), { minLength: 10, maxLength: 10 }),
    fc.constantFrom('', ' ', '%20', '+', '%09', '%0A', '%C2%A0', '%E2%80%8B', '%00'),
    fc.constantFrom('', ' ', '%20', '%E2%80%8B', '%00', '\u200b'),
  )
  .map(([word, changes, before, after]) => {
    const body = [...word]
      .map((char, i) => {
        const change = changes[i % changes.length];
        if (change === 'upper') return encodeURIComponent(char.toUpperCase());
        if (change === 'lookalike' && LOOKALIKES[char]) return encodeURIComponent(LOOKALIKES[char]!);
        if (change === 'encoded') return encodeChar(char);
        if (change === 'fullwidth') return encodeURIComponent(String.fromCharCode(char.charCodeAt(0) + 0xfee0));
        return char;
      })
      .join('');
    return `${before}${body}${encodeURIComponent(after)}`;
  });

/** A raw (already encoded) value for `status`. */
const statusValue = fc.oneof(caseOnly, decorated);

const STATUS_FORMS = [
  (v: string) => `status=${v}`,
  (v: string) => `status[]=${v}`,
  (v: string) => `status[0]=${v}`,
  (v: string) => `status[$eq]=${v}`,
  (v: string) => `status[$ne]=${v}`,
  (v: string) => `status=${v}&status=published`,
  (v: string) => `status=published&status=${v}`,
  (v: string) => `st%61tus=${v}`,
  (v: string) => `%73tatus=${v}`,
  (v: string) => `publicationState=${v}`,
  (v: string) => `publicationFilter=${v}`,
  (v: string) => `hasPublishedVersion=${v}`,
];
const decode = (raw: string) => decodeURIComponent(raw.replace(/\+/g, ' '));

describe('status in any spelling reads published rows only (REST)', () => {
  const targets = () => [
    `/api/articles?locale=*&pagination[pageSize]=100&`,
    `/api/articles?locale=en&`,
    `/api/articles/${draftOnlyId}?locale=en&`,
    `/api/articles/${editedId}?locale=en&`,
    `/api/articles/${editedId}?locale=${draftTranslation.locale}&`,
    `/api/statement?locale=${draftTranslation.locale}&`,
    `/api/statement?`,
  ];

  it('generated spellings × forms × targets (~300 requests)', async () => {
    await fc.assert(
      fc.asyncProperty(statusValue, fc.nat(STATUS_FORMS.length - 1), fc.nat(6), async (value, form, target) => {
        const formed = STATUS_FORMS[form]!(value);
        const url = `${targets()[target]}${formed}`;
        const answer = await get(url);
        expectSafe(answer, url);
        // Only a single `status` of exactly `published` (or v4's `publicationState=live`) is the public's.
        const allowed = [0, 7, 8].includes(form) ? decode(value) === 'published' : form === 9 && decode(value) === 'live';
        expect(allowed ? [200, 404] : [400, 403], url).toContain(answer.status);
      }),
      { numRuns: 300 },
    );
  });

  it('exactly `published` is still served', async () => {
    const list = await get('/api/articles?locale=en&status=published&sort=slug');
    expect(list.status).toBe(200);
    expect(JSON.parse(list.text).data.length).toBeGreaterThan(0);
    expectSafe(list);
    expect((await get(`/api/articles/${draftOnlyId}?status=published`)).status).toBe(404);
  });
});

describe('status and publication arguments in GraphQL', () => {
  const gqlValue = fc.oneof(
    fc.constantFrom('DRAFT', 'PUBLISHED', 'draft', 'published', 'Published', 'PREVIEW', 'LIVE', 'null'),
    fc.stringMatching(/^[A-Za-z_][A-Za-z_]{0,12}$/),
  );
  const fields = [
    (s: string) => `articles(locale: "*", status: ${s}, pagination: { pageSize: 100 }) { title localizations { title } }`,
    (s: string) => `articles_connection(locale: "en", status: ${s}) { nodes { title } pageInfo { total } }`,
    (s: string) => `article(documentId: "DRAFT_ONLY", locale: "en", status: ${s}) { title }`,
    (s: string) => `article(documentId: "EDITED", locale: "${draftTranslation.locale}", status: ${s}) { title }`,
    (s: string) => `statement(locale: "${draftTranslation.locale}", status: ${s}) { title localizations { title } }`,
    (s: string) => `articles(locale: "en", publicationFilter: ${s}) { title localizations { title } }`,
    (s: string) =>
      `articles(locale: "en", hasPublishedVersion: ${s === 'null' ? 'false' : 'true'}) { title localizations { title } }`,
  ];
  const ids = (query: string) => query.replace('DRAFT_ONLY', draftOnlyId).replace('EDITED', editedId);

  it('literal arguments (~120 requests)', async () => {
    await fc.assert(
      fc.asyncProperty(gqlValue, fc.nat(fields.length - 1), async (value, field) => {
        const query = `{ ${ids(fields[field]!(value))} }`;
        const answer = await gql(query);
        expectSafe(answer, query);
        if (!['PUBLISHED', 'null'].includes(value) && field <= 4)
          expect(JSON.parse(answer.text).errors?.length ?? 0, query).toBeGreaterThan(0);
      }),
      { numRuns: 120 },
    );
  });

  it('variables of any string (~60 requests)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(gqlValue, fc.string({ maxLength: 20 })), async (value) => {
        const answer = await gql(
          'query($s: PublicationStatus, $id: ID!) { a: articles(locale: "*", status: $s) { title } b: article(documentId: $id, locale: "en", status: $s) { title } }',
          { s: value, id: draftOnlyId },
        );
        expectSafe(answer, value);
      }),
      { numRuns: 60 },
    );
  });

  it('an alias next to a refused draft query gets published rows only', async () => {
    const answer = await gql(
      `{ a: articles(locale: "en", status: DRAFT) { title } b: articles(locale: "en", sort: ["slug:asc"]) { title localizations { title } } }`,
    );
    expectSafe(answer);
    expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

// ---------------------------------------------------------------------------------------------
// Filters through every relation and component: refused, and a yes/no oracle learns nothing
// ---------------------------------------------------------------------------------------------

/** Paths through each relation, media and component of both content types, to a field of the far side. */
const ARTICLE_PATHS = [
  ['localizations', 'title'],
  ['localizations', 'slug'],
  ['localizations', 'locale'],
  ['localizations', 'excerpt'],
  ['localizations', 'body'],
  ['localizations', 'publishedAt'],
  ['localizations', 'localizations', 'title'],
  ['localizations', 'seo', 'metaTitle'],
  ['cover', 'name'],
  ['cover', 'url'],
  ['cover', 'related', 'title'],
  ['seo', 'metaTitle'],
  ['seo', 'shareImage', 'url'],
  ['translation', 'translator'],
  ['translation', 'reviewState'],
  ['createdBy', 'firstname'],
  ['updatedBy', 'email'],
];
/** The statement has no slug, excerpt or cover: its lead stands in for them. */
const forStatement = (segments: string[]) =>
  segments.map((segment) => (['slug', 'excerpt'].includes(segment) ? 'lead' : segment));
const STATEMENT_PATHS = ARTICLE_PATHS.filter(([first]) => first !== 'cover').map(forStatement);
const OPERATORS = [
  '$eq',
  '$eqi',
  '$ne',
  '$startsWith',
  '$startsWithi',
  '$contains',
  '$containsi',
  '$endsWith',
  '$in',
  '$notIn',
  '$null',
  '$notNull',
  '$lt',
  '$gt',
];
const WRAPPERS = [
  (f: object) => ({ filters: f }),
  (f: object) => ({ filters: { $and: [f] } }),
  (f: object) => ({ filters: { $or: [f, { slug: { $eq: 'no-such-slug' } }] } }),
  (f: object) => ({ filters: { $not: f } }),
  (f: object) => ({ populate: { localizations: { filters: f } } }),
];

/** A filter object for `segments` and an operator on `value`. */
function nest(segments: string[], operator: string, value: string): object {
  const operand = ['$in', '$notIn'].includes(operator) ? [value] : ['$null', '$notNull'].includes(operator) ? 'true' : value;
  return segments.reduceRight<object>((inner, segment) => ({ [segment]: inner }), { [operator]: operand });
}

/** A guess that matches a draft (a prefix of its title) and one of the same length that matches nothing. */
const guess = fc.tuple(fc.constantFrom(...DRAFT_TEXTS), fc.integer({ min: 1, max: 12 })).map(([text, length]) => {
  const right = [...text].slice(0, length).join('');
  return { right, wrong: '\u0416'.repeat([...right].length) };
});

describe('filters through relations and components (REST)', () => {
  it('are refused, and answer the same whether the guess is right or wrong (~2 × 150 requests)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.nat(ARTICLE_PATHS.length - 1),
        fc.constantFrom(...OPERATORS),
        fc.nat(WRAPPERS.length - 1),
        guess,
        fc.constantFrom('en', 'fa', 'ar', '*'),
        async (statement, pathIndex, operator, wrapper, { right, wrong }, locale) => {
          const paths = statement ? STATEMENT_PATHS : ARTICLE_PATHS;
          const segments = paths[pathIndex % paths.length]!;
          const base = statement
            ? `/api/statement?locale=${locale === '*' ? 'fa' : locale}`
            : `/api/articles?locale=${locale}&fields[0]=slug`;
          const url = (value: string) =>
            `${base}&${qs(WRAPPERS[wrapper]!(nest(segments, operator, value)) as Record<string, unknown>)}`;
          const [yes, no] = [await get(url(right)), await get(url(wrong))];
          expectSafe(yes, url(right));
          expectSafe(no, url(wrong));
          expect(yes.status, url(right)).toBe(400);
          expect(yes.text, url(right)).toBe(no.text);
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** The same paths as GraphQL filter input (GraphQL exposes no filter on media or admin users). */
const GRAPHQL_PATHS = ARTICLE_PATHS.filter(
  (segments) =>
    !['cover', 'createdBy', 'updatedBy'].includes(segments[0]!) &&
    !segments.some((s) => ['shareImage', 'publishedAt', 'body'].includes(s)),
);
const graphqlFilter = (segments: string[], operator: string) => {
  const name = operator.slice(1);
  const operand = ['in', 'notIn'].includes(name) ? '[$v]' : ['null', 'notNull'].includes(name) ? 'true' : '$v';
  return segments.reduceRight((inner, segment) => `{ ${segment}: ${inner} }`, `{ ${name}: ${operand} }`);
};

describe('filters through relations and components (GraphQL)', () => {
  const shapes = [
    (f: string) => `articles(locale: "en", filters: ${f}) { slug }`,
    (f: string) => `articles(locale: "fa", filters: { or: [${f}, { slug: { eq: "none" } }] }) { slug }`,
    (f: string) => `articles_connection(locale: "en", filters: { not: ${f} }) { pageInfo { total } }`,
    (f: string) => `articles(locale: "fa", sort: ["slug:asc"]) { slug localizations(filters: ${f}) { locale } }`,
    (f: string) =>
      `articles(locale: "fa", sort: ["slug:asc"]) { slug localizations_connection(filters: ${f}) { pageInfo { total } } }`,
  ];

  it('are refused, and answer the same whether the guess is right or wrong (~2 × 100 requests)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(GRAPHQL_PATHS.length - 1),
        fc.constantFrom(...OPERATORS.filter((op) => !['$lt', '$gt'].includes(op))),
        fc.nat(shapes.length - 1),
        guess,
        async (pathIndex, operator, shape, { right, wrong }) => {
          const query = `query($v: String) { ${shapes[shape]!(graphqlFilter(GRAPHQL_PATHS[pathIndex]!, operator))} }`;
          const [yes, no] = [await gql(query, { v: right }), await gql(query, { v: wrong })];
          expectSafe(yes, query);
          expectSafe(no, query);
          expect(yes.status, query).toBe(no.status);
          expect(yes.text, query).toBe(no.text);
          expect(yes.text, query).toMatch(/"errors"/);
        },
      ),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Sorts, fields and populates on draft-revealing paths
// ---------------------------------------------------------------------------------------------

describe('sorts and populates', () => {
  const SORTS = [
    'sort=localizations.title',
    'sort=localizations.title:desc',
    'sort[0]=localizations.publishedAt:asc',
    'sort[0][localizations][title]=asc',
    'sort[localizations][title]=desc',
    'sort=cover.related.title',
    'sort=seo.metaTitle',
    'sort=createdBy.firstname',
    'sort=title:sideways',
  ];
  const POPULATES = [
    'populate=*',
    'populate=localizations',
    'populate[0]=localizations',
    'populate[localizations]=true',
    'populate[localizations][populate]=*',
    'populate[localizations][populate][localizations]=true',
    'populate[localizations][fields][0]=title&populate[localizations][fields][1]=publishedAt',
    'populate[localizations][sort]=title:asc',
    'populate[localizations][filters][title][$startsWith]=U',
    'populate[localizations][filters][publishedAt][$null]=true',
    'populate=cover.related',
    'populate[cover][populate]=*',
    'populate[cover][populate][related]=true',
    'populate[cover][on][api::article.article]=true',
    'populate=seo.shareImage.related',
    'populate[seo][populate]=*',
    'populate=createdBy',
    'populate[localizations][populate][cover][populate][related]=true',
  ];
  const TARGETS = ['/api/articles?locale=en', '/api/articles?locale=fa', '/api/articles?locale=*', `/api/statement?locale=fa`];

  it('never reveal a draft (~150 requests)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TARGETS),
        fc.option(fc.constantFrom(...SORTS)),
        fc.constantFrom(...POPULATES),
        async (target, sort, populate) => {
          // Every sort listed goes through a relation or component, or is malformed.
          const sorted = target.startsWith('/api/articles') ? sort : null;
          const url = `${target}${sorted ? `&${sorted}` : ''}&${populate}`;
          const answer = await get(url);
          expectSafe(answer, url);
          if (sorted || /related|createdBy|\bon\]/.test(populate)) expect([400, 403], url).toContain(answer.status);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('populated siblings are published versions only (REST and GraphQL)', async () => {
    for (const locale of ['en', 'fa', 'fr', 'ar']) {
      const rest = await get(
        `/api/articles?locale=${locale}&populate[localizations][fields][0]=title&populate[localizations][fields][1]=publishedAt&sort=slug`,
      );
      expect(rest.status).toBe(200);
      expectSafe(rest);
      for (const article of JSON.parse(rest.text).data) {
        for (const sibling of article.localizations) expect(sibling.publishedAt).not.toBeNull();
      }
      const statement = await get(`/api/statement?locale=${locale}&populate=localizations`);
      expectSafe(statement);
      const graph = await gql(
        `{ articles(locale: "${locale}", sort: ["slug:asc"]) { title localizations { title publishedAt localizations { title } } localizations_connection { nodes { title publishedAt } } } }`,
      );
      expectSafe(graph);
      expect(JSON.parse(graph.text).errors).toBeUndefined();
    }
  });

  it.each([
    ['a relation sort', '{ articles(locale: "en", sort: ["localizations.title:asc"]) { slug } }'],
    [
      'a relation sort in localizations',
      '{ articles(locale: "fa") { localizations(sort: ["localizations.title:asc"]) { slug } } }',
    ],
    ['a component sort', '{ articles(locale: "en", sort: ["seo.metaTitle:asc"]) { slug } }'],
    ["a file's related rows", '{ articles(locale: "en") { cover { related { ... on Article { title } } } } }'],
    ["the media library's related rows", '{ uploadFiles { url related { ... on Article { title } } } }'],
    ["a sort through a file's related rows", '{ uploadFiles(sort: ["related.title:asc"]) { url } }'],
  ])('GraphQL: %s is refused', async (_label, query) => {
    const answer = await gql(query);
    expectSafe(answer, query);
    expect(answer.text).toMatch(/"errors"/);
  });
});

// ---------------------------------------------------------------------------------------------
// Oversized input
// ---------------------------------------------------------------------------------------------

describe('oversized filters are refused before any SQL', () => {
  it('long strings, long lists and deep nesting, REST (~40 requests)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 201, max: 6000 }).map((n) => `filters[title][$contains]=${'x'.repeat(n)}`),
          fc
            .integer({ min: 101, max: 400 })
            .map((n) => Array.from({ length: n }, (_, i) => `filters[slug][$in][${i}]=s${i}`).join('&')),
          fc.integer({ min: 11, max: 60 }).map((n) => `filters${'[$and][0]'.repeat(n)}[title][$eq]=x`),
          fc
            .integer({ min: 101, max: 300 })
            .map((n) => Array.from({ length: n }, (_, i) => `filters[$or][${i}][slug][$eq]=s${i}`).join('&')),
          fc.integer({ min: 201, max: 2000 }).map((n) => `sort=${'title,'.repeat(n)}title`),
          fc.integer({ min: 201, max: 3000 }).map((n) => `_q=${'q'.repeat(n)}`),
        ),
        async (query) => {
          const answer = await get(`/api/articles?locale=en&${query}`);
          expectSafe(answer, query.slice(0, 80));
          expect(answer.status).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('long strings, long lists and deep nesting, GraphQL (~30 requests)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc
            .integer({ min: 201, max: 70_000 })
            .map(
              (n) =>
                [
                  'query($v: String) { articles(locale: "en", filters: { title: { contains: $v } }) { slug } }',
                  { v: 'y'.repeat(n) },
                ] as const,
            ),
          fc
            .integer({ min: 101, max: 32_000 })
            .map(
              (n) =>
                [
                  'query($v: [String]) { articles(locale: "en", filters: { slug: { in: $v } }) { slug } }',
                  { v: Array.from({ length: n }, (_, i) => `s${i}`) },
                ] as const,
            ),
          fc
            .integer({ min: 11, max: 40 })
            .map(
              (n) =>
                [
                  `{ articles(locale: "en", filters: ${'{ and: ['.repeat(n)}{ title: { eq: "x" } }${'] }'.repeat(n)}) { slug } }`,
                  {},
                ] as const,
            ),
          fc
            .integer({ min: 201, max: 5000 })
            .map(
              (n) =>
                [
                  'query($v: String) { articles(locale: "fa") { localizations(filters: { title: { startsWith: $v } }) { slug } } }',
                  { v: 'z'.repeat(n) },
                ] as const,
            ),
        ),
        async ([query, variables]) => {
          const answer = await gql(query, variables as Record<string, unknown>);
          expectSafe(answer, query.slice(0, 80));
          expect(JSON.parse(answer.text).errors?.length ?? 0).toBeGreaterThan(0);
        },
      ),
      { numRuns: 30 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// What must keep working
// ---------------------------------------------------------------------------------------------

describe('published reading, the site and the preview token keep working', () => {
  const documents = fs
    .readdirSync(path.resolve(import.meta.dirname, '../../web/src/data/documents'))
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => fs.readFileSync(path.resolve(import.meta.dirname, '../../web/src/data/documents', file), 'utf8'))
    .join('\n');
  const operations = [...documents.matchAll(/^query (\w+)/gm)].map((match) => match[1]!);

  it.each(['en', 'fa', 'fr', 'ar'])('every query of the site answers without error in %s', async (locale) => {
    const slug = seeds.find((seed) => seed.locale === locale && seed.status === 'published')?.slug ?? editedArticle.slug;
    for (const operationName of operations) {
      const answer = await gql(
        documents,
        { locale, page: 1, pageSize: 10, latest: 3, slug, documentId: editedId },
        {},
        operationName,
      );
      expect(JSON.parse(answer.text).errors, `${operationName} ${answer.text.slice(0, 300)}`).toBeUndefined();
      expectSafe(answer, operationName);
    }
  });

  it('lists and finds only published versions by default', async () => {
    const answer = await gql(
      `query($id: ID!, $draft: ID!, $slug: String!) {
        list: articles(locale: "en", sort: ["slug:asc"]) { documentId title }
        edited: article(documentId: $id, locale: "en") { title }
        draftOnly: article(documentId: $draft, locale: "en") { title }
        draftTranslation: article(documentId: $id, locale: "${draftTranslation.locale}") { title }
        bySlug: articles(locale: "en", filters: { slug: { eq: $slug } }) { title }
      }`,
      { id: editedId, draft: draftOnlyId, slug: draftOnlyArticle.slug },
    );
    expectSafe(answer);
    const { data } = JSON.parse(answer.text);
    expect(data.list.map((item: { documentId: string }) => item.documentId)).not.toContain(draftOnlyId);
    expect(data.edited.title).toBe(editedArticle.title);
    expect(data.draftOnly).toBeNull();
    expect(data.draftTranslation).toBeNull();
    expect(data.bySlug).toEqual([]);
    const rest = await get('/api/articles?locale=en&sort=slug&populate=*');
    expect(rest.status).toBe(200);
    expectSafe(rest);
    expect((await get(`/api/articles/${draftOnlyId}`)).status).toBe(404);
  });

  it("shows drafts to the site's preview token, and only to it", async () => {
    const auth = { authorization: `Bearer ${previewToken}` };
    const query = 'query($id: ID!) { article(documentId: $id, locale: "en", status: DRAFT) { title localizations { title } } }';
    const preview = await gql(query, { id: editedId }, auth);
    expect(JSON.parse(preview.text).data.article.title).toBe(UNPUBLISHED_TITLE);
    const page = await gql(documents, { locale: 'en', slug: draftOnlyArticle.slug, status: 'DRAFT' }, auth, 'ArticlePage');
    expect(JSON.parse(page.text).data.article[0].title, "the site's draft preview query").toBe(draftOnlyArticle.title);
    const rest = await get(`/api/articles/${draftOnlyId}?status=draft&locale=en`, auth);
    expect(rest.status).toBe(200);
    expect(rest.text).toContain(draftOnlyArticle.title);
    const forged = await gql(query, { id: editedId }, { authorization: 'Bearer not-the-token' });
    expect(forged.status).toBe(401);
    expectSafe(forged);
  });
});

describe('editors in the admin panel still read drafts', () => {
  // A CMS of its own: the shared one has no admin account, and a test asserts that.
  const email = 'drafts-editor@example.org';
  const password = `${randomBytes(12).toString('base64url')}Aa1`;
  let editorCms: RunningCms;
  beforeAll(async () => {
    editorCms = await startCms({ env: { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } });
  }, 240_000);
  afterAll(async () => {
    await editorCms?.stop();
  });

  it('lists and opens the never-published article, and filters through relations, in the content manager', async () => {
    const signIn = await fetch(`${editorCms.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(signIn.status).toBe(200);
    const { data } = await signIn.json();
    const headers = { authorization: `Bearer ${data.token ?? data.accessToken}` };
    const manager = `${editorCms.url}/content-manager/collection-types/api::article.article`;
    const list = await fetch(`${manager}?locale=en&page=1&pageSize=50&sort=title:ASC`, { headers });
    expect(list.status).toBe(200);
    const { results } = await list.json();
    const draft = results.find((entry: { title: string }) => entry.title === draftOnlyArticle.title);
    expect(draft, 'the draft-only article is listed').toBeDefined();
    const opened = await fetch(`${manager}/${draft.documentId}?locale=en`, { headers });
    expect((await opened.json()).data.title).toBe(draftOnlyArticle.title);
    const filtered = await fetch(`${manager}?locale=en&filters[$and][0][localizations][locale][$eq]=${draftTranslation.locale}`, {
      headers,
    });
    expect(filtered.status).toBe(200);
    expect((await filtered.json()).results.length).toBeGreaterThan(0);
  });
});
