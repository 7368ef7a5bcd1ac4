import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strapiBin } from '../lib/cms';
import { CMS_DIR, ROOT, WEB_DIR } from '../lib/repo-dirs';
import { nextBin } from './floor';
import { measureOperations } from './graphql';
import type { BenchOptions } from './options';
import { fmtMB, fmtMs, fmtNumber, fmtSeconds } from './lib/format';
import { freePort, spawnService, TSX, waitForUrl, type Service } from '../lib/processes';
import { fetchPage } from './lib/http';
import { treeRss } from './lib/proc';
import type { Section } from './lib/report';
import { summarize, timed } from './lib/stats';
import { syntheticSlug } from './corpus';
import { readLocales } from './lib/site';
import {
  readPublishedVersions,
  runSlugChecks,
  slugCheckLimits,
  slugRows,
  slugTargets,
  startCountingProxy,
  type CountingProxy,
  type SlugChecks,
} from './slug-checks';

/** Runs a script to completion, returning its stdout; its stderr lines go to log. */
function runScript(args: string[], env: NodeJS.ProcessEnv, cwd: string, log: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let tail = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      tail = (tail + chunk).slice(-4000);
      for (const line of chunk.toString().split('\n')) if (/^\s+\d+\/\d+ articles/.test(line)) log(line);
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`${path.basename(args[1] ?? args[0]!)} exited ${code}: ${(stdout + tail).slice(-3000)}`)),
    );
  });
}

/**
 * A copy of the site's sources to build against the scale CMS, so that the running stack's
 * web/.next is never touched. It mirrors the repository's layout (web/, locales/, tsconfig.json)
 * so relative paths hold; its node_modules is the site's own (linked), and its build root is the
 * repository (NEXT_BUILD_ROOT), as in the real build.
 */
export function prepareWebCopy(dir: string): string {
  const tree = path.join(dir, 'tree');
  fs.rmSync(tree, { recursive: true, force: true });
  const copy = path.join(tree, 'web');
  fs.cpSync(WEB_DIR, copy, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(WEB_DIR, source);
      return !/^(node_modules|\.next)(\/|$)/.test(relative) && !relative.endsWith('.tsbuildinfo');
    },
  });
  fs.cpSync(path.join(ROOT, 'locales'), path.join(tree, 'locales'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(tree, 'tsconfig.json'));
  fs.symlinkSync(path.join(WEB_DIR, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  // The site imports the slug rules from the CMS (one rule for both).
  const rules = 'cms/src/api/article/slugs/rules.ts';
  fs.mkdirSync(path.dirname(path.join(tree, rules)), { recursive: true });
  fs.copyFileSync(path.join(ROOT, rules), path.join(tree, rules));
  return copy;
}

function countFiles(dir: string, suffix: string): number {
  if (!fs.existsSync(dir)) return 0;
  let count = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) count += countFiles(path.join(dir, entry.name), suffix);
    else if (entry.name.endsWith(suffix)) count++;
  }
  return count;
}

async function latency(url: string, runs: number) {
  const first = await fetchPage(url);
  if (first.status !== 200) throw new Error(`${url} answered ${first.status}`);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { ms, value } = await timed(() => fetchPage(url));
    if (value.status !== 200) throw new Error(`${url} answered ${value.status}`);
    samples.push(ms);
  }
  return summarize(samples);
}

export type ScalePoint = {
  articles: number;
  documents: number;
  loadMs: number;
  buildMs: number;
  prerendered: number;
  cmsRssIdle: number;
  cmsRssAfter: number;
  siteRss: number;
  indexP50: number;
  indexP95: number;
  lastIndexPage: string;
  lastIndexP50: number;
  articleP50: number;
  articleP95: number;
  queries: Record<string, number>;
  dbBytes: number;
  /** Slug lookups with the whole corpus published (slug-checks.ts). */
  slugs?: SlugChecks;
};

/** One size: a fresh database (seed + N synthetic articles × locales), its own CMS, a site build, measurements. */
export async function measureSize(
  articles: number,
  options: BenchOptions,
  dir: string,
  webCopy: string,
  log: (line: string) => void,
): Promise<ScalePoint> {
  const sizeDir = path.join(dir, `n-${articles}`);
  fs.rmSync(sizeDir, { recursive: true, force: true });
  fs.mkdirSync(sizeDir, { recursive: true });
  const db = path.join(sizeDir, 'data.db');
  const cmsPort = await freePort();
  const sitePort = await freePort();
  const cmsUrl = `http://127.0.0.1:${cmsPort}`;
  const siteUrl = `http://127.0.0.1:${sitePort}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    STRAPI_TELEMETRY_DISABLED: 'true',
    NEXT_TELEMETRY_DISABLED: '1',
    STRAPI_LOG_LEVEL: 'error',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: db,
    SITE_URL: siteUrl,
    CMS_URL: cmsUrl,
  };

  log(`  ${articles} articles: seed + synthetic corpus into ${path.relative(ROOT, db)}…`);
  await runScript([TSX, 'scripts/seed.ts'], env, ROOT, log);
  const loaded = await runScript([TSX, 'scripts/bench/corpus.ts', '--articles', String(articles)], env, ROOT, log);
  const result = /RESULT (.*)/.exec(loaded);
  if (!result) throw new Error(`corpus.ts printed no result: ${loaded.slice(-500)}`);
  const loadMs = (JSON.parse(result[1]!) as { ms: number }).ms;
  log(`  loaded in ${fmtSeconds(loadMs)}`);

  let cms: Service | undefined;
  let site: Service | undefined;
  let counter: CountingProxy | undefined;
  try {
    cms = spawnService(process.execPath, [strapiBin(), 'start'], {
      cwd: CMS_DIR,
      env: { ...env, HOST: '127.0.0.1', PORT: String(cmsPort) },
    });
    await waitForUrl(`${cmsUrl}/_health`, (status) => status === 204, 120_000, cms.alive);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const cmsRssIdle = treeRss(cms.pid);

    fs.rmSync(path.join(webCopy, '.next'), { recursive: true, force: true });
    log(`  building the site against it…`);
    const build = await timed(() => runScript([nextBin(), 'build'], { ...env, NEXT_BUILD_ROOT: ROOT }, webCopy, log));
    const prerendered = countFiles(path.join(webCopy, '.next/server/app'), '.html');
    log(`  built in ${fmtSeconds(build.ms)} (${prerendered} prerendered HTML files)`);

    // The running site reads the CMS through a counting proxy (CMS_URL is read at run time; the
    // build above used the CMS itself).
    counter = await startCountingProxy(cmsUrl);
    site = spawnService(process.execPath, ['server.mjs', '-H', '127.0.0.1', '-p', String(sitePort)], {
      cwd: webCopy,
      env: { ...env, CMS_URL: counter.url },
    });
    await waitForUrl(`${siteUrl}/en`, (status) => status === 200, 120_000, site.alive);

    const runs = options.tiny ? 5 : 100;
    const index = await latency(`${siteUrl}/en/articles`, runs);
    const lastPage = Math.max(1, Math.ceil((articles + 4) / 10));
    const lastIndexPage = lastPage > 1 ? `/en/articles/page/${lastPage}` : '/en/articles';
    const lastIndex = await latency(siteUrl + lastIndexPage, runs);
    const middle = Math.max(1, Math.ceil(articles / 2));
    const article = await latency(`${siteUrl}/en/articles/${syntheticSlug(middle, 'en')}`, runs);
    const queries = await measureOperations(cmsUrl, options.tiny ? 5 : 50);
    const point: ScalePoint = {
      articles,
      documents: articles * 4,
      loadMs,
      buildMs: build.ms,
      prerendered,
      cmsRssIdle,
      cmsRssAfter: treeRss(cms.pid),
      siteRss: treeRss(site.pid),
      indexP50: index.p50,
      indexP95: index.p95,
      lastIndexPage,
      lastIndexP50: lastIndex.p50,
      articleP50: article.p50,
      articleP95: article.p95,
      queries: Object.fromEntries(queries.map((q) => [q.name, q.summary.p50])),
      dbBytes: fs.statSync(db).size,
    };
    point.slugs = await runSlugChecks(
      siteUrl,
      counter,
      readPublishedVersions(db),
      readLocales().map((l) => l.code),
      { tiny: options.tiny, log },
    );
    return point;
  } finally {
    await site?.stop();
    await counter?.close();
    await cms?.stop();
    fs.rmSync(sizeDir, { recursive: true, force: true });
  }
}

const growth = (small: number, large: number) => (small > 0 ? `×${fmtNumber(large / small, 1)}` : '–');

export function scaleSection(points: ScalePoint[], options: Pick<BenchOptions, 'tiny'>): Section {
  const limits = slugCheckLimits(options.tiny);
  const columns = [
    'measure',
    ...points.map((p) => `${fmtNumber(p.articles)} articles`),
    ...(points.length > 1 ? ['growth'] : []),
  ];
  const first = points[0];
  const last = points.at(-1);
  const line = (label: string, pick: (p: ScalePoint) => number, format: (value: number) => string) => [
    label,
    ...points.map((p) => format(pick(p))),
    ...(points.length > 1 && first && last ? [growth(pick(first), pick(last))] : []),
  ];
  const queryNames = [...new Set(points.flatMap((p) => Object.keys(p.queries)))];
  const rows = [
    line(
      'documents (articles × 4 locales)',
      (p) => p.documents,
      (v) => fmtNumber(v),
    ),
    line('time to load the corpus', (p) => p.loadMs, fmtSeconds),
    line('load time per article (4 locales)', (p) => p.loadMs / p.articles, fmtMs),
    line('SQLite file', (p) => p.dbBytes, fmtMB),
    line('site build (next build)', (p) => p.buildMs, fmtSeconds),
    line(
      'prerendered HTML files',
      (p) => p.prerendered,
      (v) => fmtNumber(v),
    ),
    line('cached article index /en/articles, p50', (p) => p.indexP50, fmtMs),
    line('cached last index page, p50', (p) => p.lastIndexP50, fmtMs),
    line('cached article page, p50', (p) => p.articleP50, fmtMs),
    line('cached article page, p95', (p) => p.articleP95, fmtMs),
    ...queryNames.map((name) =>
      line(`CMS query ${name}, p50 (an uncached render's data)`, (p) => p.queries[name] ?? Number.NaN, fmtMs),
    ),
    line('CMS resident memory, idle', (p) => p.cmsRssIdle, fmtMB),
    line('CMS resident memory, after build + load', (p) => p.cmsRssAfter, fmtMB),
    line('site resident memory, after load', (p) => p.siteRss, fmtMB),
    ...slugRows(points).map((row) => (points.length > 1 ? [...row, ''] : row)),
  ];
  return {
    id: 'scale',
    title: 'Scale: a synthetic corpus',
    method:
      `For each size: a fresh SQLite file with the default seed plus N synthetic articles in each of the 4 locales (scripts/bench/corpus.ts: 400–1,200 words each, ` +
      `created and published through the Document Service), its own CMS (strapi start) and a build of the site's sources (a copy of web/, so the running stack is untouched) ` +
      `served by web/server.mjs on other ports. Page latency: ${options.tiny ? 5 : 100} sequential requests after one untimed (cached pages); ` +
      `CMS queries: ${options.tiny ? 5 : 50} sequential runs each; resident memory from /proc (process tree). ` +
      `Slugs, after those (the site reading the CMS through a proxy in the benchmark that counts POST /graphql; ${limits.concurrency} requests in flight, no redirects followed): ` +
      `${options.tiny ? `${limits.published}` : 'every'} published (locale, slug) in the SQLite file; right after, those it requested in its last 35 s (the latest ${limits.knownAgain} at most) once more, within the lookup cache's minute; ` +
      `${limits.redirects} documents asked for by another locale's slug; ${limits.unknown} random unknown slugs. Each count starts once the counter has been still for a second.`,
    columns,
    rows,
    targets: points.flatMap((p) => (p.slugs ? slugTargets(p.articles, p.slugs) : [])),
    notes: [],
    data: points,
  };
}

export async function runScale(options: BenchOptions, log: (line: string) => void): Promise<Section> {
  // Inside the repository whatever --out says: Turbopack builds only under its root, the repository.
  const dir = path.join(ROOT, 'bench-results', '.scale');
  fs.mkdirSync(dir, { recursive: true });
  const webCopy = prepareWebCopy(dir);
  const points: ScalePoint[] = [];
  try {
    for (const size of options.scaleSizes) points.push(await measureSize(size, options, dir, webCopy, log));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const section = scaleSection(points, options);
  section.notes.push(...describeGrowth(points));
  return section;
}

/** Plain words on how cost grows from the smallest to the largest corpus. */
export function describeGrowth(points: ScalePoint[]): string[] {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || first === last) return [];
  const factor = last.articles / first.articles;
  const say = (what: string, a: number, b: number, format: (v: number) => string) => {
    const ratio = b / a;
    const kind = ratio < 1.5 ? 'about flat' : ratio > factor * 0.5 ? 'about linear' : 'sub-linear';
    return `${what}: ${format(a)} → ${format(b)} (×${fmtNumber(ratio, 1)}, ${kind})`;
  };
  return [
    `From ${fmtNumber(first.articles)} to ${fmtNumber(last.articles)} articles (×${fmtNumber(factor)}): ` +
      [
        say('corpus load', first.loadMs, last.loadMs, fmtSeconds),
        say('build', first.buildMs, last.buildMs, fmtSeconds),
        say('cached article page p50', first.articleP50, last.articleP50, fmtMs),
        say('cached index p50', first.indexP50, last.indexP50, fmtMs),
        say('CMS memory after load', first.cmsRssAfter, last.cmsRssAfter, fmtMB),
        say('site memory', first.siteRss, last.siteRss, fmtMB),
      ].join('; ') +
      '.',
  ];
}
