import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildCms } from '../lib/cms';
import { startNginx } from '../lib/nginx';
import { freePort } from '../lib/processes';
import { startIsolatedTopology, type Topology } from '../lib/production';
import { engines, onPath, requireEngines } from '../lib/system-packages';
import { buildWebIfChanged } from '../lib/web-build';
import type { BenchOptions } from './options';
import { fmtMs, fmtNumber, fmtPct } from './lib/format';
import type { Section, Target } from './lib/report';
import { benchPages, sitePaths } from './lib/site';
import { median } from './lib/stats';
import { runPublishScript } from './publish-runner';
import { staticFileFor } from './throughput';

/**
 * `npm run bench -- --only production`: the production topology (`npm run start:production`'s code
 * on free ports and a temporary folder) measured for issue 12's four figures:
 *   1. cached pages through nginx vs the same nginx serving the same HTML from disk (≥ 90 %);
 *   2. publish → every affected page fresh through the cache (p95 ≤ 1 s);
 *   3. 10,000 requests over the four locales at 50 connections, the CMS restarted and one site
 *      instance killed midway (0 errors on cached pages; p99);
 *   4. the CMS and both site instances down: every cached page still 200.
 */
export const PRODUCTION_TARGETS = { throughputRatio: 0.9, publishP95Ms: 1000 };

type LoadFigures = { rps: number; p99Ms: number; errors: number };

/** wrk (C, two threads) when installed, else autocannon: the same tool for both servers of a pair. */
async function loadOnce(url: string, connections: number, seconds: number): Promise<LoadFigures & { tool: string }> {
  const wrk = onPath('wrk');
  if (wrk) {
    const run = spawnSync(wrk, ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', '-H', 'Accept-Encoding: gzip', url], {
      encoding: 'utf8',
    });
    const out = run.stdout;
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
    const p99 = /\b99%\s+([\d.]+)(us|ms|s)\b/.exec(out);
    const p99Ms = p99 ? Number(p99[1]) * { us: 0.001, ms: 1, s: 1000 }[p99[2] as 'us' | 'ms' | 's'] : NaN;
    const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    const errors = non2xx + (socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
    if (!Number.isFinite(rps)) throw new Error(`wrk gave no figures: ${run.stderr || out}`);
    return { rps, p99Ms, errors, tool: 'wrk -t2' };
  }
  const result = await autocannon({ url, connections, duration: seconds, headers: { 'accept-encoding': 'gzip' } });
  return {
    rps: result['2xx'] / result.duration,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
    tool: 'autocannon',
  };
}

/** The HTML nginx has stored for each page, written where a static nginx serves it, gzipped beside. */
async function writeStaticCopies(topology: Topology, pagePaths: string[], root: string) {
  for (const pagePath of pagePaths) {
    const response = await fetch(`${topology.publicUrl}${pagePath}`);
    const html = Buffer.from(await response.arrayBuffer());
    const file = staticFileFor(root, pagePath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, html);
    fs.writeFileSync(`${file}.gz`, gzipSync(html, { level: 6 }));
  }
}

const staticConfig = (prefix: string, port: number, root: string) => `
worker_processes auto;
pid ${prefix}/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 30s;
  keepalive_requests 10000;
  types { text/html html; }
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  server {
    listen 127.0.0.1:${port} reuseport backlog=4096;
    root ${root};
    gzip_static on;
    location / { try_files $uri.html =404; }
  }
}
`;

/** 1. Cached pages through nginx vs nginx serving the same bytes from disk, page by page. */
async function throughput(topology: Topology, dir: string, options: BenchOptions, pagePaths: string[]) {
  const root = path.join(dir, 'static');
  await writeStaticCopies(topology, pagePaths, root);
  const port = await freePort();
  const prefix = path.join(dir, 'nginx-static');
  const server = await startNginx({ prefix, port, config: staticConfig(prefix, port, root) });
  const rows: { path: string; cached: LoadFigures; disk: LoadFigures; ratio: number }[] = [];
  let tool = '';
  try {
    for (const pagePath of pagePaths) {
      const cachedRuns: LoadFigures[] = [];
      const diskRuns: LoadFigures[] = [];
      for (let run = 0; run < options.runs; run++) {
        const cached = await loadOnce(`${topology.publicUrl}${pagePath}`, options.connections, options.durationSec);
        const disk = await loadOnce(`http://127.0.0.1:${port}${pagePath}`, options.connections, options.durationSec);
        tool = cached.tool;
        cachedRuns.push(cached);
        diskRuns.push(disk);
      }
      const pick = (runs: LoadFigures[]): LoadFigures => ({
        rps: median(runs.map((run) => run.rps)),
        p99Ms: median(runs.map((run) => run.p99Ms)),
        errors: runs.reduce((sum, run) => sum + run.errors, 0),
      });
      const cached = pick(cachedRuns);
      const disk = pick(diskRuns);
      rows.push({ path: pagePath, cached, disk, ratio: cached.rps / disk.rps });
    }
  } finally {
    await server.stop();
  }
  return { rows, tool };
}

/** 3. A fixed number of requests over cached pages while the CMS restarts and an instance is killed. */
async function faults(topology: Topology, pagePaths: string[], amount: number, connections: number) {
  const events: string[] = [];
  let answered = 0;
  let struck = false;
  const strike = async () => {
    events.push(`after ${answered} answers: site instance 1 killed (SIGKILL), CMS restarted`);
    const instance = topology.sites()[0]!;
    process.kill(-instance.pid, 'SIGKILL');
    await topology.cms().stop();
    await topology.startCms();
    events.push(`CMS answering again after ${answered} answers`);
  };
  let striking: Promise<void> | undefined;
  let finish!: (result: autocannon.Result) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const instance = autocannon(
    {
      url: topology.publicUrl,
      connections,
      amount,
      timeout: 10,
      headers: { 'accept-encoding': 'gzip' },
      requests: pagePaths.map((pagePath) => ({ method: 'GET', path: pagePath })),
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', () => {
    answered++;
    if (!struck && answered >= amount / 3) {
      struck = true;
      striking = strike();
    }
  });
  const result = await done;
  await striking;
  await topology.startSite(0);
  return { result, events };
}

/** 4. Every cached page with the CMS and both site instances stopped. */
async function allDown(topology: Topology, pagePaths: string[]) {
  await topology.cms().stop();
  await Promise.all(topology.sites().map((site) => site.stop()));
  await new Promise((resolve) => setTimeout(resolve, 2100)); // every stored copy is now stale
  const statuses = await Promise.all(
    pagePaths.map(async (pagePath) => {
      const response = await fetch(`${topology.publicUrl}${pagePath}`);
      await response.arrayBuffer();
      return { pagePath, status: response.status, cache: response.headers.get('x-cache') };
    }),
  );
  return statuses;
}

export async function runProduction(options: BenchOptions, log: (line: string) => void): Promise<Section> {
  requireEngines([engines.postgresql, engines.redis, engines.nginx]);
  buildCms('server', log);
  buildWebIfChanged({}, log);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-production-'));
  log('  starting the production topology (PostgreSQL, Redis, CMS, two site instances, nginx)…');
  const topology = await startIsolatedTopology(dir, (line) => log(`  ${line}`));
  try {
    const pages = (await benchPages(topology.cmsUrl)).map((page) => page.path);
    const indexes = ['fa', 'ar', 'en', 'fr'].map((locale) => sitePaths.articles(locale));
    const cachedPages = [...pages, ...indexes];
    for (const pagePath of cachedPages)
      await fetch(`${topology.publicUrl}${pagePath}`).then((response) => response.arrayBuffer());

    const measured = options.tiny ? pages.slice(0, 2) : pages;
    log(`  1/4 throughput: ${measured.length} pages, nginx cache vs nginx from disk…`);
    const speed = await throughput(topology, dir, options, measured);

    log('  2/4 publish → fresh through the cache…');
    const publish = await runPublishScript(options, log, {
      siteUrl: topology.publicUrl,
      env: { ...topology.cmsEnv, BENCH_SITE_ORIGINS: topology.siteUrls.join(',') },
    });

    const amount = options.tiny ? 300 : 10_000;
    const connections = options.tiny ? 5 : 50;
    log(`  3/4 ${amount} requests at ${connections} connections, CMS restarted and an instance killed midway…`);
    const fault = await faults(topology, cachedPages, amount, connections);

    log('  4/4 the CMS and both site instances down…');
    const down = await allDown(topology, cachedPages);

    return productionSection({ options, speed, publish, fault, down, amount, connections });
  } finally {
    await topology.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function productionSection(input: {
  options: BenchOptions;
  speed: Awaited<ReturnType<typeof throughput>>;
  publish: Section;
  fault: Awaited<ReturnType<typeof faults>>;
  down: Awaited<ReturnType<typeof allDown>>;
  amount: number;
  connections: number;
}): Section {
  const { options, speed, publish, fault, down, amount, connections } = input;
  const worst = speed.rows.reduce((low, row) => (row.ratio < low.ratio ? row : low), speed.rows[0]!);
  const speedErrors = speed.rows.reduce((sum, row) => sum + row.cached.errors + row.disk.errors, 0);
  const speedMet = worst.ratio >= PRODUCTION_TARGETS.throughputRatio && speedErrors === 0;
  const publishTarget = publish.targets[0];
  const faultErrors = fault.result.errors + fault.result.non2xx;
  const answeredDown = down.filter((page) => page.status === 200).length;

  const targets: Target[] = [
    {
      name: 'cached page throughput through nginx vs nginx serving the same HTML from disk (every page)',
      target: `≥ ${fmtPct(PRODUCTION_TARGETS.throughputRatio)}, no errors`,
      actual: `worst ${fmtPct(worst.ratio)} (${worst.path}), median ${fmtPct(median(speed.rows.map((row) => row.ratio)))}, ${speedErrors} errors`,
      met: speedMet,
      shortfall: speedMet
        ? undefined
        : `${fmtNumber((PRODUCTION_TARGETS.throughputRatio - worst.ratio) * 100)} points under on ${worst.path}`,
    },
    {
      name: 'publish → every affected page fresh through the cache, p95',
      target: `≤ ${fmtMs(PRODUCTION_TARGETS.publishP95Ms)}`,
      actual: publishTarget?.actual ?? publish.error ?? 'not measured',
      met: publishTarget?.met ?? null,
      shortfall: publishTarget?.shortfall,
    },
    {
      name: `${fmtNumber(amount)} requests over the four locales at ${connections} connections, CMS restarted and one site instance killed midway`,
      target: '0 errors on cached pages; p99 reported',
      actual: `${faultErrors} errors (${fault.result.non2xx} non-2xx, ${fault.result.errors} failed), p99 ${fmtMs(fault.result.latency.p99)}, ${fmtNumber(fault.result.requests.average)} req/s`,
      met: faultErrors === 0,
      shortfall: faultErrors === 0 ? undefined : `${faultErrors} errors`,
    },
    {
      name: 'CMS and both site instances down: pages that were cached',
      target: 'every one 200 from nginx',
      actual: `${answeredDown} of ${down.length} answered 200 (${down.map((page) => page.cache ?? '–').join(', ')})`,
      met: answeredDown === down.length,
      shortfall: answeredDown === down.length ? undefined : `${down.length - answeredDown} pages not served`,
    },
  ];
  return {
    id: 'production',
    title: 'Production topology: nginx micro-cache, two site instances on Redis, CMS on PostgreSQL',
    method:
      `npm run start:production's code on free ports (PostgreSQL 15, Redis 7, CMS, two site instances, nginx with a 1-second micro-cache). ` +
      `Throughput: ${speed.tool}, ${options.connections} connections, ${options.durationSec} s per run, ${options.runs} run(s) per page and server, ` +
      `Accept-Encoding gzip; the reference is a second nginx serving, from disk (gzip_static), the HTML the cache returned for the same URL. ` +
      `Publish: bench:publish against nginx's address (${options.publishEdits} edits). ` +
      `Faults: autocannon, ${fmtNumber(amount)} requests cycling over the cached pages at ${connections} connections; after a third of them, site instance 1 gets SIGKILL and the CMS is stopped and started again. ` +
      `Everything runs on the same 2 cores as the load generator.`,
    columns: ['page', 'nginx cache req/s', 'p99', 'nginx from disk req/s', 'p99', 'cache / disk', 'errors'],
    rows: speed.rows.map((row) => [
      row.path,
      fmtNumber(row.cached.rps),
      fmtMs(row.cached.p99Ms),
      fmtNumber(row.disk.rps),
      fmtMs(row.disk.p99Ms),
      fmtPct(row.ratio),
      fmtNumber(row.cached.errors + row.disk.errors),
    ]),
    tables: [
      ...(publish.rows.length
        ? [{ title: 'Publish → fresh through the cache', columns: publish.columns, rows: publish.rows }]
        : []),
      {
        title: 'All down: each cached page',
        columns: ['page', 'status', 'nginx cache'],
        rows: down.map((page) => [page.pagePath, String(page.status), page.cache ?? '–']),
      },
    ],
    targets,
    notes: [...fault.events, ...publish.notes],
    data: {
      speed,
      publish: publish.data,
      fault: { events: fault.events, latency: fault.result.latency, non2xx: fault.result.non2xx, errors: fault.result.errors },
      down,
    },
  };
}
