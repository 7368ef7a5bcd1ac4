import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeMirror } from '../lib/mirror';
import { signingKey } from '../../web/src/lib/mirror-key';
import { fileOf } from '../lib/mirror/layout';
import { freePort, spawnService, TSX, waitForUrl } from '../lib/processes';
import { ROOT, WEB_ENV_FILE } from '../lib/repo-dirs';
import { parseEnv } from '../lib/secrets';
import { paths } from '../../web/src/lib/paths';
import type { BenchOptions } from './options';
import { fmtNumber, fmtPct } from './lib/format';
import type { Section } from './lib/report';
import { median } from './lib/stats';
import { load, staticFileFor, type LoadResult } from './throughput';

const PAGES = [
  { label: 'fa statement', path: paths.statement('fa') },
  { label: 'en home', path: paths.home('en') },
  { label: 'ar article index', path: paths.articles('ar') },
];

/**
 * A mirror of the running site (npm run mirror), served by the plain static server of the
 * throughput section (sirv on node:http, one process), next to the site itself: the same pages,
 * the same load. A copy is static files, so its throughput is the static server's.
 */
export async function runMirrorThroughput(options: BenchOptions, log: (line: string) => void): Promise<Section> {
  const env = fs.existsSync(WEB_ENV_FILE) ? parseEnv(fs.readFileSync(WEB_ENV_FILE, 'utf8')) : {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-mirror-'));
  const out = path.join(dir, 'copy');
  const rows: { label: string; mirror: LoadResult[]; saved: LoadResult[]; site: LoadResult[]; bytes: number }[] = [];
  let server;
  let savedServer;
  try {
    const started = Date.now();
    const made = await makeMirror({
      site: options.siteUrl,
      origin: env.SITE_URL || options.siteUrl,
      out,
      key: signingKey(process.env.MIRROR_SIGNING_KEY || env.MIRROR_SIGNING_KEY),
    });
    const makeMs = Date.now() - started;
    log(`  mirror of ${made.files} files made in ${fmtNumber(makeMs / 1000, 1)} s`);
    const port = await freePort();
    server = spawnService(process.execPath, [TSX, path.join(ROOT, 'scripts/bench/static-server.ts'), out, String(port)], {
      cwd: ROOT,
      env: process.env,
    });
    const staticUrl = `http://127.0.0.1:${port}`;
    const mirrorUrl = (pagePath: string) =>
      `${staticUrl}/${fileOf(new URL(pagePath, staticUrl)).split('/').map(encodeURIComponent).join('/')}`;
    await waitForUrl(mirrorUrl(PAGES[0]!.path), (status) => status === 200, 30_000, server.alive);
    // The reference of the throughput section: the same static server on the HTML the site answers.
    const savedDir = path.join(dir, 'saved');
    for (const page of PAGES) {
      const file = staticFileFor(savedDir, page.path);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, await (await fetch(options.siteUrl + page.path)).text());
    }
    const savedPort = await freePort();
    savedServer = spawnService(
      process.execPath,
      [TSX, path.join(ROOT, 'scripts/bench/static-server.ts'), savedDir, String(savedPort)],
      {
        cwd: ROOT,
        env: process.env,
      },
    );
    const savedUrl = `http://127.0.0.1:${savedPort}`;
    await waitForUrl(savedUrl + PAGES[0]!.path, (status) => status === 200, 30_000, savedServer.alive);
    const warm = Math.min(2, options.durationSec);
    await load(mirrorUrl(PAGES[0]!.path), options.connections, warm);
    await load(options.siteUrl + PAGES[0]!.path, options.connections, warm);
    for (const page of PAGES) {
      const row = {
        label: page.label,
        mirror: [] as LoadResult[],
        saved: [] as LoadResult[],
        site: [] as LoadResult[],
        bytes: fs.statSync(path.join(out, fileOf(new URL(page.path, staticUrl)))).size,
      };
      for (let run = 0; run < options.runs; run++) {
        row.mirror.push(await load(mirrorUrl(page.path), options.connections, options.durationSec));
        row.saved.push(await load(savedUrl + page.path, options.connections, options.durationSec));
        row.site.push(await load(options.siteUrl + page.path, options.connections, options.durationSec));
      }
      log(
        `  ${page.label}: mirror ${fmtNumber(median(row.mirror.map((r) => r.rps)))} req/s, site ${fmtNumber(median(row.site.map((r) => r.rps)))} req/s`,
      );
      rows.push(row);
    }
    return {
      id: 'mirror',
      title: 'A mirror (npm run mirror) served by a static server, next to the site',
      method:
        `npm run mirror of the running site, then autocannon, ${options.connections} connections, ${options.durationSec} s per run, ${options.runs} run(s), ` +
        `on the mirror's page files served by sirv on node:http (scripts/bench/static-server.ts, one process), on the same static server serving the HTML the site answers for the page (the throughput section's reference), and on the site; ` +
        `medians; no Accept-Encoding. The load generator runs on the same cores.`,
      columns: [
        'page',
        'mirror HTML bytes',
        'mirror req/s',
        'mirror p99',
        'static server, site HTML, req/s',
        'site req/s',
        'site p99',
        'mirror / site',
      ],
      rows: rows.map((row) => {
        const m = median(row.mirror.map((r) => r.rps));
        const s = median(row.site.map((r) => r.rps));
        return [
          row.label,
          fmtNumber(row.bytes),
          fmtNumber(m),
          `${fmtNumber(median(row.mirror.map((r) => r.p99)))} ms`,
          fmtNumber(median(row.saved.map((r) => r.rps))),
          fmtNumber(s),
          `${fmtNumber(median(row.site.map((r) => r.p99)))} ms`,
          fmtPct(m / s),
        ];
      }),
      targets: [],
      notes: [`The mirror (${made.files} files) took ${fmtNumber(makeMs / 1000, 1)} s to make from a warm site.`],
      data: { rows, makeMs, files: made.files },
    };
  } finally {
    await server?.stop();
    await savedServer?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${out}.tar.gz`, { force: true });
  }
}
