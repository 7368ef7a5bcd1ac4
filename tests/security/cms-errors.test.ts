/**
 * Errors that say nothing internal (issue 8, findings 3 and 8, the CMS side of 9): database errors,
 * unreadable bodies and bad GraphQL documents get a short 4xx without SQL or stack, never a 5xx;
 * GraphQL names no schema member the query did not ask for ("Did you mean …"); no X-Powered-By.
 * Then fast-check classes: oversized filter values and lists (REST and GraphQL), malformed bodies,
 * content types and encodings, misspelled schema names.
 */
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createClient, expectNothingInternal, expectRefusal } from '../helpers/security';

const cmsUrl = inject('cmsUrl');
const { send, sent } = createClient(() => cmsUrl);
const SMALL = 4 * 1024;
const BOUNDED = 1024 * 1024;

const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  send('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });

afterAll(() => console.info(`cms-errors: ${sent()} requests`));

describe('database errors never reach a client (finding 3)', () => {
  it('a 60 KB `contains` filter through GraphQL: a short 4xx, no SQL', async () => {
    const answer = await gql('query($s: String) { articles(locale: "en", filters: { title: { contains: $s } }) { title } }', {
      s: 'x'.repeat(60_000),
    });
    expectRefusal(answer, SMALL, 'contains 60 KB');
  });

  it('an `in` list of 32k items through GraphQL: a short 4xx, no SQL', async () => {
    const list = Array.from({ length: 32_768 }, (_, i) => `slug-${i}`);
    const answer = await gql('query($s: [String]) { articles(locale: "en", filters: { slug: { in: $s } }) { title } }', {
      s: list,
    });
    expectRefusal(answer, SMALL, 'in 32k');
  });

  const fields = ['title', 'slug', 'excerpt'];
  const operators = ['eq', 'ne', 'contains', 'containsi', 'notContains', 'startsWith', 'endsWith', 'lt', 'gte'];
  const listOperators = ['in', 'notIn'];

  it('oversized values and lists through GraphQL, in every operator and through relations', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.oneof(
          fc.record({
            op: fc.constantFrom(...operators),
            size: fc.integer({ min: 1_000, max: 120_000 }),
            list: fc.constant(false),
          }),
          fc.record({
            op: fc.constantFrom(...listOperators),
            size: fc.integer({ min: 100, max: 40_000 }),
            list: fc.constant(true),
          }),
        ),
        fc.constantFrom('', 'localizations'),
        fc.constantFrom('x', '%', "'", '\\', 'ا', '_'),
        async (field, { op, size, list }, through, char) => {
          const type = list ? '[String]' : 'String';
          const filter = through ? `{ ${through}: { ${field}: { ${op}: $v } } }` : `{ ${field}: { ${op}: $v } }`;
          const value = list ? Array.from({ length: size }, (_, i) => `${char}${i}`) : char.repeat(size);
          const answer = await gql(`query($v: ${type}) { articles(locale: "en", filters: ${filter}) { title } }`, { v: value });
          expectNothingInternal(answer, BOUNDED, `${through}.${field} ${op} ×${size}`);
          if (answer.status >= 400 || answer.text.includes('"errors"')) expect(answer.text.length).toBeLessThan(SMALL);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('oversized values and lists through REST', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.oneof(
          fc.record({
            op: fc.constantFrom(...operators.map((op) => `$${op}`)),
            size: fc.integer({ min: 500, max: 20_000 }),
            list: fc.constant(false),
          }),
          fc.record({ op: fc.constantFrom('$in', '$notIn'), size: fc.integer({ min: 21, max: 1_500 }), list: fc.constant(true) }),
        ),
        fc.constantFrom('x', '%25', '%27', 'a%5C'),
        async (field, { op, size, list }, char) => {
          const query = list
            ? Array.from({ length: size }, (_, i) => `filters[${field}][${op}][${i}]=${char}${i}`).join('&')
            : `filters[${field}][${op}]=${char.repeat(size)}`;
          const answer = await send(`/api/articles?locale=en&${query}`);
          expectNothingInternal(answer, BOUNDED, `REST ${field} ${op} ×${size}`);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('malformed requests get a 4xx (finding 8)', () => {
  it('the CMS favicon is served, not a 500', async () => {
    const answer = await send('/favicon.ico');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/image/);
  });

  it('a multipart body without a boundary to /api/articles: 400', async () => {
    const answer = await send('/api/articles', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data' },
      body: 'abc',
    });
    expectRefusal(answer, SMALL, 'multipart without boundary', 400);
  });

  it('a garbage gzip body to /graphql: 400', async () => {
    const answer = await send('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: Buffer.from('this is not gzip at all'),
    });
    expectRefusal(answer, SMALL, 'garbage gzip', 400);
  });

  it.each([
    ['two fragments', 'query { articles(locale: "en") { ...A } } fragment A on Article { ...B } fragment B on Article { ...A }'],
    ['a fragment spreading itself', 'query { articles(locale: "en") { ...A } } fragment A on Article { title ...A }'],
    ['through a field', 'query { articles(locale: "en") { ...A } } fragment A on Article { localizations { ...A } }'],
  ])('a GraphQL fragment cycle (%s): 400', async (_label, query) => {
    const answer = await gql(query);
    expectRefusal(answer, SMALL, 'fragment cycle', 400);
    expect(answer.text).toMatch(/within itself|depth/i);
  });

  const paths = ['/api/articles', '/api/statement', '/graphql', '/admin/renew-token', '/api/articles/abc'];
  const contentTypes = [
    'application/json',
    'application/json; charset=utf-16',
    'application/json; charset=nonsense',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'multipart/form-data; boundary=',
    'multipart/form-data; boundary=xyz',
    'text/plain',
    'application/graphql',
    ';;;',
    'application/json; =',
    '',
  ];
  const encodings = ['', 'gzip', 'deflate', 'br', 'identity', 'gzip, gzip', 'x-unknown', 'compress'];

  it('malformed bodies, content types and encodings: a 4xx (or an ordinary answer), never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.constantFrom('POST', 'PUT', 'PATCH'),
        fc.constantFrom(...contentTypes),
        fc.constantFrom(...encodings),
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
          fc.string({ maxLength: 300 }).map((text) => Buffer.from(text)),
          fc.string({ maxLength: 300 }).map((text) => gzipSync(Buffer.from(text))),
          fc
            .constantFrom(
              '{"query":',
              '{"a":1,}',
              '[[[[[',
              '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n',
              'a=%E0%A4%A',
            )
            .map((text) => Buffer.from(text)),
        ),
        async (path, method, contentType, encoding, body) => {
          const headers: Record<string, string> = {};
          if (contentType) headers['content-type'] = contentType;
          if (encoding) headers['content-encoding'] = encoding;
          const answer = await send(path, { method, headers, body });
          expectNothingInternal(answer, SMALL, `${method} ${path} ${contentType} ${encoding} ${body.length} B`);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('deeply nested JSON to /graphql and REST: no 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 10, max: 200_000 }),
        fc.constantFrom('[', '{"a":'),
        fc.constantFrom('/graphql', '/api/articles'),
        async (depth, open, path) => {
          const close = open === '[' ? ']' : '}';
          const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
          const body = path === '/graphql' ? `{"query":"{ __typename }","variables":{"v":${nested}}}` : `{"data":${nested}}`;
          const answer = await send(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          expectNothingInternal(answer, SMALL, `${path} nested ${depth}`);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('oversized headers and URLs: a 4xx', async () => {
    const header = await send('/api/articles', { headers: { 'x-big': 'a'.repeat(64 * 1024) } });
    expect(header.status).toBe(431);
    const url = await send(`/api/articles?${'a'.repeat(70_000)}=1`);
    expect(url.status).toBeGreaterThanOrEqual(400);
    expect(url.status).toBeLessThan(500);
  });

  it.each([
    ['TRACE', '/api/articles'],
    ['TRACE', '/admin/init'],
    ['OPTIONS', '*'],
    ['PROPFIND', '/graphql'],
    ['DELETE', '/favicon.ico'],
  ])('%s %s (methods fetch cannot send): never a 5xx', async (method, path) => {
    const status = await new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(cmsUrl);
      const req = request({ hostname, port, method, path }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBeLessThan(500);
  });

  it('a path with a broken percent-encoding: a 4xx', async () => {
    for (const path of ['/api/articles/%E0%A4%A', '/api/%', '/admin/%c0%af', '/graphql%']) {
      expectNothingInternal(await send(path), SMALL, path);
    }
  });
});

describe('headers and GraphQL suggestions (finding 9)', () => {
  it.each(['/api/articles?locale=en', '/graphql', '/_health', '/favicon.ico', '/admin/init', '/nothing-here'])(
    'no X-Powered-By on %s',
    async (path) => {
      const answer = path === '/graphql' ? await gql('{ __typename }') : await send(path);
      expect(answer.headers.get('x-powered-by')).toBeNull();
    },
  );

  const misspell = (name: string) =>
    fc
      .tuple(fc.integer({ min: 0, max: name.length - 1 }), fc.constantFrom('drop', 'double', 'swap', 'case'))
      .map(([at, how]) => {
        if (how === 'drop') return name.slice(0, at) + name.slice(at + 1);
        if (how === 'double') return name.slice(0, at) + name[at] + name.slice(at);
        if (how === 'case') return name.slice(0, at) + name[at]!.toUpperCase() + name.slice(at + 1);
        return at + 1 < name.length ? name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2) : `${name}s`;
      })
      .filter((spelling) => spelling !== name && /^[_A-Za-z][_0-9A-Za-z]*$/.test(spelling));

  type Place = (wrong: string) => [string, Record<string, unknown>];
  const places: Record<string, Place> = {
    'a root field': (wrong: string) => [`{ ${wrong} { title } }`, {}],
    'a field': (wrong: string) => [`{ articles(locale: "en") { ${wrong} } }`, {}],
    'an argument': (wrong: string) => [`{ articles(${wrong}: "en") { title } }`, {}],
    'a type': (wrong: string) => [`query($f: ${wrong}) { articles(locale: "en", filters: $f) { title } }`, {}],
    'an enum value': (wrong: string) => [`{ articles(locale: "en", status: ${wrong}) { title } }`, {}],
    'a filter field in a variable': (wrong: string) => [
      `query($f: ArticleFiltersInput) { articles(locale: "en", filters: $f) { title } }`,
      { f: { [wrong]: { eq: 'x' } } },
    ],
    'a filter field in the query': (wrong: string) => [
      `{ articles(locale: "en", filters: { ${wrong}: { eq: "x" } }) { title } }`,
      {},
    ],
  };
  const names: Record<string, string[]> = {
    'a root field': ['articles', 'article', 'statement', 'i18NLocales'],
    'a field': ['title', 'slug', 'excerpt', 'localizations', 'publishedAt', 'body'],
    'an argument': ['locale', 'filters', 'pagination', 'status'],
    'a type': ['ArticleFiltersInput', 'StringFilterInput', 'PublicationStatus'],
    'an enum value': ['PUBLISHED', 'DRAFT'],
    'a filter field in a variable': ['title', 'slug', 'localizations', 'publishedAt'],
    'a filter field in the query': ['title', 'slug', 'localizations', 'publishedAt'],
  };

  it('misspelled fields, arguments, types and enum values: no "Did you mean", no schema name', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(places)).chain((place) =>
          fc.constantFrom(...names[place]!).chain((name) =>
            // A misspelling can land on another real name ("article" + "s"): that one is not misspelled.
            misspell(name)
              .filter((wrong) => !names[place]!.includes(wrong))
              .map((wrong) => ({ place, name, wrong })),
          ),
        ),
        async ({ place, name, wrong }) => {
          const [query, variables] = places[place]!(wrong);
          const answer = await gql(query, variables);
          expectRefusal(answer, SMALL, `${place}: ${wrong}`);
          expect(answer.text).not.toMatch(/did you mean/i);
          const messages = (JSON.parse(answer.text).errors as { message: string }[]).map((error) => error.message).join(' ');
          if (!new RegExp(`\\b${name}\\b`, 'i').test(query + JSON.stringify(variables)))
            expect(messages).not.toContain(`"${name}"`);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('at most ten errors, each short, however many mistakes', async () => {
    const fields = Array.from({ length: 400 }, (_, i) => `wrong${i}`).join(' ');
    const answer = await gql(`{ articles(locale: "en") { ${fields} } }`);
    expectRefusal(answer, SMALL, '400 unknown fields', 400);
    expect(JSON.parse(answer.text).errors.length).toBeLessThanOrEqual(10);
  });
});
