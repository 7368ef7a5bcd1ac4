/**
 * CORS (issue 8, finding 4): the admin APIs accept no request made by another origin's page (no
 * credentialed CORS, a foreign `Origin` refused outright); the public read API answers any origin,
 * never with credentials. Generated origins: random hosts, `null`, lookalikes of the CMS's own origin.
 * The replay of a real admin session from another origin is in cms-auth.test.ts (it needs an admin).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createClient, expectRefusal, type Answer } from '../helpers/security';

const cmsUrl = inject('cmsUrl');
const { send, sent } = createClient(() => cmsUrl);
const own = new URL(cmsUrl);

afterAll(() => console.info(`cms-cors: ${sent()} requests`));

/** Origins a hostile page could have, including near-misses of the CMS's own. */
const foreignOrigin = fc
  .oneof(
    fc.webUrl().map((url) => new URL(url).origin),
    fc.constantFrom(
      'null',
      'http://evil.example',
      `${own.origin}.evil.example`,
      `http://evil.example${own.port ? `:${own.port}` : ''}`,
      `https://${own.host}`,
      `http://${own.hostname}:${Number(own.port) + 1}`,
      `http://localhost:${own.port}`,
      `http://${own.hostname}`,
      `${own.origin}@evil.example`,
      `http://evil-${own.hostname}:${own.port}`,
      'file://',
    ),
    fc.domain().map((domain) => `http://${own.hostname}.${domain}:${own.port}`),
  )
  .filter((origin) => origin !== own.origin);

const adminRequests: [string, string][] = [
  ['POST', '/admin/access-token'],
  ['POST', '/admin/renew-token'],
  ['POST', '/admin/logout'],
  ['GET', '/admin/init'],
  ['GET', '/admin/users/me'],
  ['GET', '/admin/information'],
  ['GET', '/content-manager/collection-types/api::article.article'],
  ['GET', '/i18n/locales'],
  ['GET', '/upload/files'],
  ['PUT', '/users-permissions/roles/1'],
];

const expectNoCredentialedCors = (answer: Answer, origin: string, label: string) => {
  expect(answer.headers.get('access-control-allow-credentials'), label).toBeNull();
  const allowed = answer.headers.get('access-control-allow-origin');
  expect(allowed === null || allowed === '', `${label}: ${allowed}`).toBe(true);
  expect(origin).not.toBe(own.origin);
};

describe('the admin APIs accept no other origin', () => {
  it('reproduction: a foreign Origin is not reflected on /admin/*, and gets no token', async () => {
    const init = await send('/admin/init', { headers: { origin: 'http://evil.example' } });
    expectNoCredentialedCors(init, 'http://evil.example', 'GET /admin/init');
    const token = await send('/admin/access-token', {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json', cookie: 'strapi_admin_refresh=forged' },
      body: '{}',
    });
    expectRefusal(token, 4096, 'POST /admin/access-token', 403);
    expect(token.text).not.toMatch(/token"\s*:/);
  });

  it('generated origins, admin routes and methods: refused, never credentialed CORS', async () => {
    await fc.assert(
      fc.asyncProperty(
        foreignOrigin,
        fc.constantFrom(...adminRequests),
        fc.boolean(),
        async (origin, [method, path], preflight) => {
          const headers: Record<string, string> = { origin, cookie: 'strapi_admin_refresh=x' };
          if (preflight)
            Object.assign(headers, {
              'access-control-request-method': method,
              'access-control-request-headers': 'authorization,content-type',
            });
          const answer = await send(path, {
            method: preflight ? 'OPTIONS' : method,
            headers,
            body: !preflight && method !== 'GET' ? '{}' : undefined,
          });
          const label = `${preflight ? 'OPTIONS' : method} ${path} from ${origin}`;
          expectNoCredentialedCors(answer, origin, label);
          expectRefusal(answer, 4096, label, 403);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("the CMS's own origin still reaches the admin APIs", async () => {
    const answer = await send('/admin/init', { headers: { origin: own.origin } });
    expect(answer.status).toBe(200);
    const login = await send('/admin/login', {
      method: 'POST',
      headers: { origin: own.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'cors-own-origin@example.org', password: 'not-the-password' }),
    });
    expect(login.status).toBe(400);
  });
});

describe('the public read API answers any origin, without credentials', () => {
  const publicRequests: [string, string, string?][] = [
    ['GET', '/api/articles?locale=en'],
    ['GET', '/api/statement?locale=fa'],
    ['POST', '/graphql', JSON.stringify({ query: '{ articles(locale: "en") { title } }' })],
    ['GET', '/api/articles?status=draft'],
  ];

  it('generated origins: readable, never with credentials', async () => {
    await fc.assert(
      fc.asyncProperty(
        foreignOrigin,
        fc.constantFrom(...publicRequests),
        fc.boolean(),
        async (origin, [method, path, body], preflight) => {
          const headers: Record<string, string> = { origin, cookie: 'strapi_admin_refresh=x' };
          if (preflight)
            Object.assign(headers, { 'access-control-request-method': method, 'access-control-request-headers': 'content-type' });
          else if (body) headers['content-type'] = 'application/json';
          const answer = await send(path, {
            method: preflight ? 'OPTIONS' : method,
            headers,
            body: preflight ? undefined : body,
          });
          const label = `${preflight ? 'OPTIONS' : method} ${path} from ${origin}`;
          expect(answer.status, label).toBeLessThan(500);
          expect(answer.headers.get('access-control-allow-credentials'), label).toBeNull();
          expect(['*', origin], label).toContain(answer.headers.get('access-control-allow-origin'));
          if (preflight) expect(answer.headers.get('access-control-allow-methods'), label).toContain(method);
        },
      ),
      { numRuns: 60 },
    );
  });
});
