/**
 * The sign-in routes (issue 8, findings 4, 7 and 10) on a CMS of their own, with an admin account
 * and a low limit (5 attempts per address), so that nothing here locks out the other tests:
 * - throttling per client address as well as per account, and X-Forwarded-For believed only when
 *   the CMS is told it is behind a proxy (IS_PROXIED): first without, then restarted with it;
 * - an admin session's refresh cookie replayed from another origin gets no token;
 * - nested or oversized JSON to every auth route gets a small 4xx (it got 16 MB back).
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type RunningCms } from '../helpers/cms';
import { createClient, expectRefusal } from '../helpers/security';

const LIMIT = 5;
const ADMIN_EMAIL = 'security-admin@example.org';
const ADMIN_PASSWORD = `${randomBytes(12).toString('base64url')}Aa1`;

let cms: RunningCms;
const { send, sent } = createClient(() => cms.url);

beforeAll(async () => {
  cms = await startCms({ seed: false, env: { ADMIN_EMAIL, ADMIN_PASSWORD, AUTH_RATE_LIMIT: String(LIMIT) } });
}, 180_000);

afterAll(async () => {
  console.info(`cms-auth: ${sent()} requests`);
  await cms?.stop();
});

const json = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  send(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  json('/admin/login', { email, password }, headers);

const GUESSABLE = [
  '/admin/login',
  '/admin/register',
  '/admin/register-admin',
  '/admin/forgot-password',
  '/admin/reset-password',
  '/api/auth/local',
  '/api/auth/local/register',
  '/api/auth/forgot-password',
  '/api/auth/reset-password',
];
const AUTH_ROUTES = [...GUESSABLE, '/admin/renew-token', '/admin/access-token'];

const ipv4 = fc
  .tuple(fc.integer({ min: 1, max: 223 }), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 }))
  .map((parts) => parts.join('.'));
const ipv6 = fc
  .array(
    fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16)),
    { minLength: 8, maxLength: 8 },
  )
  .map((groups) => groups.join(':'));
const forwardedFor = fc.oneof(
  ipv4,
  ipv6,
  fc.array(fc.oneof(ipv4, ipv6), { minLength: 2, maxLength: 4 }).map((list) => list.join(', ')),
);

/** A fresh address per request (only meaningful once the proxy is trusted). */
let nextAddress = 0;
const freshAddress = () => {
  nextAddress += 1;
  return `10.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${nextAddress & 255}`;
};

describe('without a trusted proxy: one limit per connection address', () => {
  it('reproduction: one password tried on many accounts from one address is stopped (429, Retry-After)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i += 1) statuses.push((await login(`spray-${i}@example.org`, 'Summer2026!')).status);
    expect(statuses).toEqual(Array(LIMIT).fill(400));
    const refused = await login('spray-last@example.org', 'Summer2026!');
    expectRefusal(refused, 1024, 'spray', 429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // The limit is the address's, whoever the account: the real admin waits too.
    expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(429);
  });

  it('every guessable route shares it, and a made-up X-Forwarded-For does not get around it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...GUESSABLE), forwardedFor, fc.emailAddress(), async (path, xff, email) => {
        const answer = await json(
          path,
          { email, identifier: email, password: 'Summer2026!' },
          { 'x-forwarded-for': xff, 'x-real-ip': xff },
        );
        expectRefusal(answer, 1024, `${path} as ${xff}`, 429);
        expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      }),
      { numRuns: 40 },
    );
  });
});

describe('behind a trusted proxy (IS_PROXIED=true): one limit per forwarded client address', () => {
  beforeAll(async () => {
    cms.env.IS_PROXIED = 'true';
    await cms.restart();
  }, 180_000);

  it('each client address has its own limit; addresses prepended by the client do not count', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(ipv4, ipv6),
        fc.array(fc.oneof(ipv4, ipv6), { minLength: 1, maxLength: 3 }),
        async (client, spoofed) => {
          const statuses: number[] = [];
          for (let i = 0; i < LIMIT; i += 1)
            statuses.push((await login(`client-${i}@example.org`, 'Summer2026!', { 'x-forwarded-for': client })).status);
          expect(statuses).toEqual(Array(LIMIT).fill(400));
          // The proxy appends the real address: whatever the client put before it is not believed.
          const spoof = await login('client-spoof@example.org', 'Summer2026!', {
            'x-forwarded-for': [...spoofed, client].join(', '),
          });
          expectRefusal(spoof, 1024, `${spoofed} then ${client}`, 429);
        },
      ),
      { numRuns: 4 },
    );
    expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD, { 'x-forwarded-for': freshAddress() })).status).toBe(200);
  });

  it('an IPv6 client cannot escape by changing the last 64 bits', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i += 1)
      statuses.push(
        (await login(`v6-${i}@example.org`, 'Summer2026!', { 'x-forwarded-for': `2001:db8:1:2::${(i + 1).toString(16)}` }))
          .status,
      );
    expect(statuses).toEqual([...Array(LIMIT).fill(400), 429]);
  });

  it('reproduction (finding 4): the refresh cookie replayed from another origin gets no token', async () => {
    const signIn = await login(ADMIN_EMAIL, ADMIN_PASSWORD, { 'x-forwarded-for': freshAddress() });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    expect(cookie).toContain('strapi_admin_refresh=');

    for (const origin of ['http://evil.example', 'null', `${cms.url}.evil.example`, cms.url.replace('127.0.0.1', 'localhost')]) {
      const replay = await json('/admin/access-token', {}, { origin, cookie });
      expectRefusal(replay, 1024, `access-token from ${origin}`, 403);
      expect(replay.text).not.toMatch(/"(token|accessToken)"/);
      expect(replay.headers.get('access-control-allow-credentials')).toBeNull();
    }
    // The same cookie works from the CMS's own origin (the admin panel) and without a browser.
    const own = await json('/admin/access-token', {}, { origin: cms.url, cookie });
    expect(own.status).toBe(200);
    expect(own.text).toMatch(/"token"/);
  });

  const nested = (depth: number, leaf: unknown, key: string, wide: boolean): unknown => {
    let value = leaf;
    for (let i = 0; i < depth; i += 1) value = wide && i < 3 ? { [key]: value, list: [value, value] } : { [key]: value };
    return value;
  };

  it('reproduction (finding 7): 4 KB of nested JSON to /admin/register gets a small 4xx', async () => {
    const tree = nested(200, 'x', 'a', true);
    const body = { registrationToken: tree, userInfo: tree, email: tree, password: tree, firstname: tree };
    const answer = await json('/admin/register', body, { 'x-forwarded-for': freshAddress() });
    expectRefusal(answer, 1024, 'nested register');
  });

  const fieldNames = [
    'email',
    'password',
    'identifier',
    'username',
    'userInfo',
    'registrationToken',
    'resetPasswordToken',
    'code',
    'passwordConfirmation',
    'firstname',
  ];

  it('nested JSON to every auth route: a small 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...AUTH_ROUTES),
        fc.integer({ min: 3, max: 2_000 }),
        fc.constantFrom(...fieldNames),
        fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null), fc.constant([])),
        fc.boolean(),
        async (path, depth, key, leaf, wide) => {
          const answer = await json(path, { [key]: nested(depth, leaf, key, wide) }, { 'x-forwarded-for': freshAddress() });
          expectRefusal(answer, 1024, `${path} depth ${depth}`, [400, 413]);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('flat but oversized fields to every auth route: a bounded 4xx that does not echo the input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...AUTH_ROUTES),
        fc.dictionary(
          fc.constantFrom(...fieldNames),
          fc.oneof(
            fc.integer({ min: 100, max: 30_000 }).map((n) => 'z'.repeat(n)),
            fc.array(fc.string({ maxLength: 30 }), { maxLength: 60 }),
            fc.dictionary(fc.constantFrom(...fieldNames), fc.string({ maxLength: 400 }), { maxKeys: 8 }),
          ),
          { minKeys: 1, maxKeys: 8 },
        ),
        async (path, body) => {
          const answer = await json(path, body, { 'x-forwarded-for': freshAddress() });
          expectRefusal(answer, 20 * 1024, `${path} ${Object.keys(body)}`);
          expect(answer.text).not.toMatch(/z{300}/);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('other encodings of the body to an auth route: a 4xx, never parsed into something deeper', async () => {
    const address = () => ({ 'x-forwarded-for': freshAddress() });
    const form = await send('/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...address() },
      body: `email[a][b][c][d]=x&password=${'p'.repeat(100)}`,
    });
    expectRefusal(form, 1024, 'form body');
    const boundary = 'xyz';
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`;
    const upload = await send('/admin/login', {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...address() },
      body: multipart,
    });
    expectRefusal(upload, 1024, 'multipart body');
    const big = await json('/admin/login', { email: 'a@example.org', password: 'p'.repeat(40_000) }, address());
    expectRefusal(big, 1024, 'large body', 413);
  });
});
