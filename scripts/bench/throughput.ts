import autocannon from 'autocannon';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../lib/repo-dirs';
import type { BenchOptions } from './options';
import { ensureFloorApp, nextBin } from './floor';
import { fmtNumber, fmtPct } from './lib/format';
import { freePort, spawnService, TSX, waitForUrl, type Service } from '../lib/processes';
import { fetchPage } from './lib/http';
import type { Section } from './lib/report';
import { benchPages, type BenchPage } from './lib/site';
import { median } from './lib/stats';

export type LoadResult = { rps: number; p50: number; p99: number; errors: number; requests: number };

/** One autocannon run against url; req/s counts only 2xx answers. */
export async function load(url: string, connections: number, durationSec: number): Promise<LoadResult> {
  const result = await autocannon({ url, connections, duration: durationSec, timeout: 10 });
  const errors = result.errors + result.non2xx;
  return {
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
    requests: result['2xx'] + result.non2xx,
  };
}

/** Where the static server finds a page's HTML: /fa/articles/x → fa/articles/x.html. */
export function staticFileFor(root: string, pagePath: string): string {
  const segments = pagePath
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment));
  if (segments.some((segment) => segment === '..' || segment.includes('/'))) throw new Error(`unsafe path ${pagePath}`);
  return path.join(root, ...segments.slice(0, -1), `${segments.at(-1) ?? 'index'}.html`);
}

export type PageThroughput = {
  page: BenchPage;
  /** Where the page is served, when not by the site under test (the framework floor). */
  siteBase?: string;
  /** Its path on the static server, when not the page's own. */
  staticPath?: string;
  /** A reference row (the framework floor), not judged against the target. */
  reference?: boolean;
  cacheHeader: string | null;
  htmlBytes: number;
  site: LoadResult[];
  static: LoadResult[];
};

const medianOf = (runs: LoadResult[], key: keyof LoadResult) => median(runs.map((run) => run[key]));

export function summarizeThroughput(results: PageThroughput[]) {
  return results.map((result) => {
    const site = { rps: medianOf(result.site, 'rps'), p50: medianOf(result.site, 'p50'), p99: medianOf(result.site, 'p99') };
    const reference = {
      rps: medianOf(result.static, 'rps'),
      p50: medianOf(result.static, 'p50'),
      p99: medianOf(result.static, 'p99'),
    };
    return {
      reference: Boolean(result.reference),
      label: result.page.label,
      path: result.page.path,
      cacheHeader: result.cacheHeader,
      htmlBytes: result.htmlBytes,
      site: { ...site, errors: result.site.reduce((sum, run) => sum + run.errors, 0) },
      static: { ...reference, errors: result.static.reduce((sum, run) => sum + run.errors, 0) },
      ratio: site.rps / reference.rps,
    };
  });
}

export const THROUGHPUT_TARGET = 0.5;

export function throughputSection(
  results: PageThroughput[],
  options: Pick<BenchOptions, 'connections' | 'durationSec' | 'runs'>,
): Section {
  const all = summarizeThroughput(results);
  const rows = all.filter((row) => !row.reference);
  const ratios = rows.map((row) => row.ratio).filter((ratio) => Number.isFinite(ratio));
  const worst = rows.reduce<(typeof rows)[number] | undefined>(
    (low, row) => (!low || row.ratio < low.ratio ? row : low),
    undefined,
  );
  const errors = rows.reduce((sum, row) => sum + row.site.errors + row.static.errors, 0);
  const met = ratios.length > 0 && ratios.length === rows.length && Math.min(...ratios) >= THROUGHPUT_TARGET && errors === 0;
  return {
    id: 'throughput',
    title: 'Throughput of cached pages: the site next to a static file server',
    method:
      `autocannon, ${options.connections} connections, ${options.durationSec} s per run, ${options.runs} run(s) per page and server, ` +
      `site and static server alternating page by page (medians of the runs; errors summed over the runs). ` +
      `The static server is sirv on node:http in its own process, serving the HTML the site returned for the same URL, saved to disk. ` +
      `No Accept-Encoding (both answer uncompressed). Latencies are autocannon's, whole milliseconds. The load generator runs on the same 2 cores as the server under test.`,
    columns: [
      'page',
      'site req/s',
      'site p50',
      'site p99',
      'site errors',
      'static req/s',
      'static p50',
      'static p99',
      'static errors',
      'site / static',
      'site cache',
    ],
    rows: all.map((row) => [
      row.label,
      fmtNumber(row.site.rps),
      `${fmtNumber(row.site.p50)} ms`,
      `${fmtNumber(row.site.p99)} ms`,
      fmtNumber(row.site.errors),
      fmtNumber(row.static.rps),
      `${fmtNumber(row.static.p50)} ms`,
      `${fmtNumber(row.static.p99)} ms`,
      fmtNumber(row.static.errors),
      fmtPct(row.ratio),
      row.cacheHeader ?? '–',
    ]),
    targets: [
      {
        name: 'cached pages: site throughput vs static server (every page)',
        target: `≥ ${fmtPct(THROUGHPUT_TARGET)} of static, no errors`,
        actual: worst
          ? `worst ${fmtPct(worst.ratio)} (${worst.label}), median ${fmtPct(median(ratios))}, ${errors} errors`
          : 'no pages',
        met: rows.length ? met : null,
        shortfall:
          met || !worst
            ? undefined
            : `${fmtNumber((THROUGHPUT_TARGET - worst.ratio) * 100)} points under on ${worst.label}${errors ? `; ${errors} errors` : ''}`,
      },
    ],
    notes: all
      .filter((row) => row.reference)
      .map(
        (row) =>
          `Reference, not judged: ${row.label} serves ${fmtNumber(row.site.rps)} req/s, ${fmtPct(row.ratio)} of the static server serving its HTML: ` +
          `what Next.js's own request handling costs on this machine, before anything the site adds.`,
      ),
    data: all,
  };
}

/**
 * Fetches a page until the site answers from a fresh cache entry (x-nextjs-cache HIT; a STALE
 * answer starts a background render, a MISS renders), at most a few times, and saves its HTML.
 */
async function savePage(url: string, file: string) {
  let answer = await fetchPage(url);
  for (let attempt = 0; attempt < 6 && answer.headers.get('x-nextjs-cache') !== 'HIT'; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    answer = await fetchPage(url);
  }
  if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, answer.text);
  return { cacheHeader: answer.headers.get('x-nextjs-cache'), htmlBytes: Buffer.byteLength(answer.text) };
}

/**
 * Saves each page's HTML, starts the static server on it, and loads both servers with the same
 * autocannon settings, page by page, alternating which goes first. The framework floor (a minimal
 * Next.js page under `next start`) is measured the same way, as a reference.
 */
export async function runThroughput(options: BenchOptions, log: (line: string) => void): Promise<Section> {
  const pages = await benchPages(options.cmsUrl);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-static-'));
  const results: PageThroughput[] = [];
  const services: Service[] = [];
  try {
    for (const page of pages) {
      const saved = await savePage(options.siteUrl + page.path, staticFileFor(dir, page.path));
      results.push({ page, ...saved, site: [], static: [] });
    }

    const floorApp = ensureFloorApp(log);
    const floorPort = await freePort();
    const floor = spawnService(process.execPath, [nextBin(), 'start', '-H', '127.0.0.1', '-p', String(floorPort)], {
      cwd: floorApp.dir,
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    });
    services.push(floor);
    const floorBase = `http://127.0.0.1:${floorPort}`;
    await waitForUrl(`${floorBase}/`, (status) => status === 200, 60_000, floor.alive);
    const floorSaved = await savePage(`${floorBase}/`, staticFileFor(dir, '/framework-floor'));
    results.push({
      page: { kind: 'home', locale: '–', dir: 'ltr', path: '/', label: 'framework floor (minimal Next page)' },
      siteBase: floorBase,
      staticPath: '/framework-floor',
      reference: true,
      ...floorSaved,
      site: [],
      static: [],
    });

    const port = await freePort();
    const server = spawnService(process.execPath, [TSX, path.join(ROOT, 'scripts/bench/static-server.ts'), dir, String(port)], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
    });
    services.push(server);
    const staticUrl = `http://127.0.0.1:${port}`;
    await waitForUrl(`${staticUrl}${pages[0]!.path}`, (status) => status === 200, 30_000, server.alive);
    // Warm the servers up (JIT, connection pools) before anything is recorded.
    const warm = Math.min(2, options.durationSec);
    await load(options.siteUrl + pages[0]!.path, options.connections, warm);
    await load(staticUrl + pages[0]!.path, options.connections, warm);
    await load(`${floorBase}/`, options.connections, warm);
    for (let run = 0; run < options.runs; run++) {
      for (const [i, result] of results.entries()) {
        const siteFirst = (run + i) % 2 === 0;
        const order = siteFirst ? (['site', 'static'] as const) : (['static', 'site'] as const);
        for (const which of order) {
          const url =
            which === 'site'
              ? (result.siteBase ?? options.siteUrl) + result.page.path
              : staticUrl + (result.staticPath ?? result.page.path);
          result[which].push(await load(url, options.connections, options.durationSec));
        }
        log(
          `  run ${run + 1}/${options.runs} ${result.page.label}: site ${fmtNumber(result.site.at(-1)!.rps)} req/s, static ${fmtNumber(result.static.at(-1)!.rps)} req/s`,
        );
      }
    }
  } finally {
    for (const service of services) await service.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return throughputSection(results, options);
}
