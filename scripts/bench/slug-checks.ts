/**
 * The scale benchmark's slug checks: with the whole synthetic corpus published, every published
 * article answers 200 at its slug, another locale's slug redirects to this locale's, an unknown slug
 * is a server-rendered 404, and how many CMS requests the site makes for each (web/src/data/slugs.ts:
 * at most one per unknown slug, none for a known slug within the lookup cache's minute).
 *
 * The CMS requests are counted by a small HTTP proxy in this process, between the running site
 * (its CMS_URL) and the CMS: it forwards everything and counts POST /graphql.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CMS_DIR } from '../lib/repo-dirs';
import { random } from './corpus';
import { fmtNumber } from './lib/format';
import { fetchPage } from './lib/http';
import type { Target } from './lib/report';
import { sitePaths } from './lib/site';

/** The site's lookup cache time limit (LOOKUP_TTL_MS in web/src/data/slugs.ts). */
export const LOOKUP_TTL_MS = 60_000;
/** The second pass over known slugs takes those the first requested in its last RECENT_MS. */
const RECENT_MS = 35_000;

// ---------------------------------------------------------------------------------------------
// The counting proxy

export type CountingProxy = {
  url: string;
  /** POST /graphql requests forwarded so far. */
  graphqlRequests: () => number;
  close: () => Promise<void>;
};

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection']);

const endToEnd = (headers: http.IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));

/** Listens on a free loopback port and forwards every request to `target` (http://host:port), counting POST /graphql. */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  let count = 0;
  const server = http.createServer((request, response) => {
    if (request.method === 'POST' && (request.url ?? '').split('?')[0] === '/graphql') count++;
    const forward = http.request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: { ...endToEnd(request.headers), host: upstream.host },
        agent,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        answer.pipe(response);
      },
    );
    forward.on('error', (error) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`counting proxy: ${error.message}`);
    });
    request.pipe(forward);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    graphqlRequests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// What to request

export type PublishedVersion = { documentId: string; locale: string; slug: string };

type SqliteDatabase = { prepare(sql: string): { all(): unknown[] }; close(): void };

/** Every published article version (locale, slug), from the size's SQLite file. */
export function readPublishedVersions(dbFile: string): PublishedVersion[] {
  const Database = createRequire(path.join(CMS_DIR, 'package.json'))('better-sqlite3') as new (
    file: string,
    options: { readonly: boolean },
  ) => SqliteDatabase;
  const db = new Database(dbFile, { readonly: true });
  try {
    return db
      .prepare(
        `select document_id as documentId, locale, slug from articles
         where published_at is not null and slug is not null order by locale, document_id`,
      )
      .all() as PublishedVersion[];
  } finally {
    db.close();
  }
}

type Random = ReturnType<typeof random>;

function shuffled<T>(items: readonly T[], rng: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export type RedirectCase = { path: string; expected: string };

/**
 * Up to `count` documents, each asked for under one locale by another locale's slug (one no
 * version in that locale has): the site should redirect to the document's own slug in that locale.
 */
export function planRedirects(versions: readonly PublishedVersion[], count: number, rng: Random): RedirectCase[] {
  const byDocument = new Map<string, PublishedVersion[]>();
  const slugsByLocale = new Map<string, Set<string>>();
  const documentsBySlug = new Map<string, Set<string>>();
  for (const version of versions) {
    if (!documentsBySlug.has(version.slug)) documentsBySlug.set(version.slug, new Set());
    documentsBySlug.get(version.slug)!.add(version.documentId);
    byDocument.set(version.documentId, [...(byDocument.get(version.documentId) ?? []), version]);
    if (!slugsByLocale.has(version.locale)) slugsByLocale.set(version.locale, new Set());
    slugsByLocale.get(version.locale)!.add(version.slug);
  }
  const cases: RedirectCase[] = [];
  for (const documentVersions of shuffled([...byDocument.values()], rng)) {
    if (cases.length >= count) break;
    const [own, ...others] = shuffled(documentVersions, rng);
    // A slug of this document only (two documents may share one in different locales), not this locale's.
    const foreign = others.find(
      (other) => documentsBySlug.get(other.slug)!.size === 1 && !slugsByLocale.get(own!.locale)!.has(other.slug),
    );
    if (!own || !foreign) continue;
    cases.push({ path: sitePaths.article(own.locale, foreign.slug), expected: sitePaths.article(own.locale, own.slug) });
  }
  return cases;
}

/** `count` valid slugs no article has (random letters and digits), each under a random locale. */
export function planUnknown(locales: readonly string[], count: number, rng: Random): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: count }, () => {
    const tail = Array.from({ length: 12 }, () => letters[rng.int(0, letters.length - 1)]).join('');
    return sitePaths.article(locales[rng.int(0, locales.length - 1)]!, `no-such-article-${tail}`);
  });
}

// ---------------------------------------------------------------------------------------------
// Requesting

/** Runs `work` over `items` with at most `concurrency` in flight, results in order. */
async function inPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
  progress?: (done: number) => void,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
      progress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

type Answer = { path: string; status: number; location: string | null; text: string; startedAt: number };

async function request(siteUrl: string, pathname: string): Promise<Answer> {
  const startedAt = Date.now();
  try {
    const { status, headers, text } = await fetchPage(siteUrl + pathname, 30_000);
    return { path: pathname, status, location: headers.get('location'), text, startedAt };
  } catch (error) {
    return { path: pathname, status: 0, location: null, text: (error as Error).message, startedAt };
  }
}

/** Waits until the CMS counter has not moved for `quietMs` (a page regenerating in the background), 10 s at most. */
async function settle(proxy: CountingProxy, quietMs: number) {
  const deadline = Date.now() + 10_000;
  let last = proxy.graphqlRequests();
  let since = Date.now();
  while (Date.now() < deadline && Date.now() - since < quietMs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (proxy.graphqlRequests() !== last) {
      last = proxy.graphqlRequests();
      since = Date.now();
    }
  }
}

export type CheckResult = {
  total: number;
  ok: number;
  /** CMS requests (POST /graphql) during the check. */
  cmsRequests: number;
  ms: number;
  /** A few of the answers that were not as expected. */
  failures: string[];
};

export type SlugChecks = {
  publishedVersions: number;
  concurrency: number;
  /** (a) every published (locale, slug): 200. */
  published: CheckResult;
  /** (d) right after (a), known slugs again: no CMS request. */
  knownAgain: CheckResult & { oldestLookupAgeMs: number };
  /** (b) another locale's slug: 307/308 to this locale's. */
  redirects: CheckResult;
  /** (c) unknown slugs: 404 with a server-rendered <h1>, at most one CMS request each. */
  unknown: CheckResult;
};

async function check(
  siteUrl: string,
  proxy: CountingProxy,
  paths: readonly string[],
  concurrency: number,
  expect: (answer: Answer, index: number) => boolean,
  quietMs: number,
  progress?: (done: number) => void,
): Promise<CheckResult & { answers: Answer[] }> {
  await settle(proxy, quietMs);
  const before = proxy.graphqlRequests();
  const started = Date.now();
  const answers = await inPool(paths, concurrency, (pathname) => request(siteUrl, pathname), progress);
  const ms = Date.now() - started;
  const cmsRequests = proxy.graphqlRequests() - before;
  const bad = answers.filter((answer, i) => !expect(answer, i));
  return {
    total: paths.length,
    ok: paths.length - bad.length,
    cmsRequests,
    ms,
    failures: bad
      .slice(0, 5)
      .map((a) => `${a.path} → ${a.status}${a.location ? ` ${a.location}` : ''}${a.status === 0 ? ` (${a.text})` : ''}`),
    answers,
  };
}

/** How many requests each check makes, and how many in flight (a handful on the tiny setting). */
export const slugCheckLimits = (tiny: boolean) =>
  tiny
    ? { concurrency: 2, published: 8, knownAgain: 5, redirects: 4, unknown: 5 }
    : { concurrency: 8, published: Infinity, knownAgain: 500, redirects: 200, unknown: 200 };

const withoutAnswers = ({ answers: _answers, ...result }: CheckResult & { answers: Answer[] }): CheckResult => result;

/** The four checks, in order: (a) every published slug, (d) known slugs again, (b) redirects, (c) unknown slugs. */
export async function runSlugChecks(
  siteUrl: string,
  proxy: CountingProxy,
  versions: readonly PublishedVersion[],
  locales: readonly string[],
  options: {
    tiny: boolean;
    log: (line: string) => void;
    /** How long the counter must be still before each count (1 s). */
    quietMs?: number;
  },
): Promise<SlugChecks> {
  const rng = random(1988);
  const limits = slugCheckLimits(options.tiny);
  const { concurrency } = limits;
  const quietMs = options.quietMs ?? 1000;
  const run = (paths: readonly string[], expect: (answer: Answer, index: number) => boolean, progress?: (done: number) => void) =>
    check(siteUrl, proxy, paths, concurrency, expect, quietMs, progress);

  const publishedPaths = shuffled(versions, rng)
    .slice(0, limits.published)
    .map((version) => sitePaths.article(version.locale, version.slug));
  options.log(`  slugs: ${fmtNumber(publishedPaths.length)} published article versions, ${concurrency} in flight…`);
  const published = await run(
    publishedPaths,
    (a) => a.status === 200,
    (done) => done % 1000 === 0 && options.log(`  slugs: ${fmtNumber(done)} requested…`),
  );
  options.log(`  slugs: ${published.ok}/${published.total} answered 200 in ${fmtNumber(published.ms / 1000, 1)} s`);

  // The most recently requested known slugs, requested in the last 35 s of the first pass: their
  // lookups are still in the site's cache (fewer than the limit if the first pass was slower).
  const firstPassEnd = Date.now();
  const recent = published.answers
    .filter((answer) => answer.status === 200 && firstPassEnd - answer.startedAt < RECENT_MS)
    .sort((a, b) => b.startedAt - a.startedAt)
    .slice(0, limits.knownAgain);
  const oldest = Math.min(...recent.map((answer) => answer.startedAt));
  const knownAgain = await run(
    recent.map((answer) => answer.path),
    (a) => a.status === 200,
  );
  // At most this old when the second pass ended (the lookup came a little after the request started).
  const oldestLookupAgeMs = recent.length ? Date.now() - oldest : 0;
  options.log(`  slugs: ${knownAgain.total} known slugs again: ${knownAgain.cmsRequests} CMS requests`);

  const redirectCases = planRedirects(versions, limits.redirects, rng);
  const redirects = await run(
    redirectCases.map((c) => c.path),
    (a, i) =>
      (a.status === 307 || a.status === 308) &&
      a.location !== null &&
      new URL(a.location, siteUrl).pathname === redirectCases[i]!.expected,
  );
  options.log(`  slugs: ${redirects.ok}/${redirects.total} other locales' slugs redirected`);

  const unknown = await run(planUnknown(locales, limits.unknown, rng), (a) => a.status === 404 && /<h1[\s>]/i.test(a.text));
  options.log(`  slugs: ${unknown.ok}/${unknown.total} unknown slugs 404, ${unknown.cmsRequests} CMS requests`);

  return {
    publishedVersions: versions.length,
    concurrency,
    published: withoutAnswers(published),
    knownAgain: { ...withoutAnswers(knownAgain), oldestLookupAgeMs },
    redirects: withoutAnswers(redirects),
    unknown: withoutAnswers(unknown),
  };
}

// ---------------------------------------------------------------------------------------------
// The report

const perRequest = (result: CheckResult) => (result.total ? result.cmsRequests / result.total : Number.NaN);
const share = (result: CheckResult) => `${fmtNumber(result.ok)} / ${fmtNumber(result.total)}`;
const failed = (result: CheckResult) =>
  result.ok === result.total ? undefined : `${fmtNumber(result.total - result.ok)} failed, e.g. ${result.failures.join('; ')}`;

/** Table rows (label, then one cell per size) for the slug checks. */
export function slugRows(points: readonly { slugs?: SlugChecks }[]): string[][] {
  const row = (label: string, cell: (checks: SlugChecks) => string) => [
    label,
    ...points.map((point) => (point.slugs ? cell(point.slugs) : '–')),
  ];
  return [
    row('published article versions (SQLite)', (s) => fmtNumber(s.publishedVersions)),
    row('published slugs answering 200', (s) => share(s.published)),
    row("another locale's slug → 307/308 to this locale's", (s) => share(s.redirects)),
    row('unknown slug → 404 with a server-rendered <h1>', (s) => share(s.unknown)),
    row('CMS requests per unknown-slug request', (s) => fmtNumber(perRequest(s.unknown), 2)),
    row('CMS requests per known-slug request (within the minute)', (s) => fmtNumber(perRequest(s.knownAgain), 2)),
  ];
}

/** The acceptance targets for one size. */
export function slugTargets(articles: number, checks: SlugChecks): Target[] {
  const size = `${fmtNumber(articles)} articles`;
  const known = perRequest(checks.knownAgain);
  const unknown = perRequest(checks.unknown);
  const knownNote =
    `${fmtNumber(checks.knownAgain.cmsRequests)} CMS requests for ${fmtNumber(checks.knownAgain.total)} known slugs ` +
    `(the last ones the first pass requested; the oldest lookup at most ${fmtNumber(checks.knownAgain.oldestLookupAgeMs / 1000, 0)} s old at the end)`;
  return [
    {
      name: `every published article answers 200 at its slug (${size})`,
      target: 'all',
      actual: `${share(checks.published)} (${fmtNumber(checks.publishedVersions)} published versions)`,
      met: checks.published.total > 0 && checks.published.ok === checks.published.total,
      shortfall: failed(checks.published),
    },
    {
      name: `another locale's slug redirects to this locale's (${size})`,
      target: 'all',
      actual: share(checks.redirects),
      met: checks.redirects.total > 0 && checks.redirects.ok === checks.redirects.total,
      shortfall: failed(checks.redirects),
    },
    {
      name: `an unknown slug is a server-rendered 404 (${size})`,
      target: 'all',
      actual: share(checks.unknown),
      met: checks.unknown.total > 0 && checks.unknown.ok === checks.unknown.total,
      shortfall: failed(checks.unknown),
    },
    {
      name: `CMS requests per unknown-slug request (${size})`,
      target: '≤ 1',
      actual: `${fmtNumber(unknown, 2)} (${fmtNumber(checks.unknown.cmsRequests)} for ${fmtNumber(checks.unknown.total)})`,
      met: unknown <= 1,
      shortfall: unknown <= 1 ? undefined : `${fmtNumber(unknown - 1, 2)} over`,
    },
    {
      name: `CMS requests per known-slug request within the cache's minute (${size})`,
      target: '0',
      actual: `${fmtNumber(known, 2)}: ${knownNote}`,
      met:
        checks.knownAgain.total > 0 && checks.knownAgain.cmsRequests === 0 && checks.knownAgain.oldestLookupAgeMs < LOOKUP_TTL_MS,
      shortfall:
        checks.knownAgain.oldestLookupAgeMs >= LOOKUP_TTL_MS ? 'the second pass did not finish within the minute' : undefined,
    },
  ];
}
