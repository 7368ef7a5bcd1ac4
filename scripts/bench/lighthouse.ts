import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumPath } from '../lib/chromium';
import { ROOT } from '../lib/repo-dirs';
import { ensureFloorApp, nextBin } from './floor';
import type { BenchOptions } from './options';
import { freePort, spawnService, waitForUrl } from '../lib/processes';
import { fmtMs, fmtNumber } from './lib/format';
import type { Section } from './lib/report';
import { readLocales, sitePaths } from './lib/site';
import { median } from './lib/stats';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];

export type LighthouseRun = {
  scores: Record<Category, number>;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** Audits that cost points (score < 1, weighted in a category), as "category: audit id". */
  failing: string[];
};

type LhJson = {
  lighthouseVersion: string;
  runtimeError?: { message: string };
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { score: number | null; numericValue?: number; scoreDisplayMode?: string }>;
};

/** The figures of one Lighthouse JSON report. */
export function parseLighthouse(report: LhJson): LighthouseRun {
  if (report.runtimeError) throw new Error(`Lighthouse: ${report.runtimeError.message}`);
  const scores = Object.fromEntries(
    CATEGORIES.map((id) => [id, Math.round((report.categories[id]?.score ?? 0) * 100)]),
  ) as Record<Category, number>;
  const failing: string[] = [];
  for (const id of CATEGORIES) {
    for (const ref of report.categories[id]?.auditRefs ?? []) {
      const audit = report.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) failing.push(`${id}: ${ref.id}`);
    }
  }
  return {
    scores,
    lcpMs: report.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
    tbtMs: report.audits['total-blocking-time']?.numericValue ?? Number.NaN,
    cls: report.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN,
    failing,
  };
}

/** The median run by performance score, then LCP (what Lighthouse's docs advise for several runs). */
export function medianRun(runs: LighthouseRun[]): LighthouseRun {
  const sorted = [...runs].sort((a, b) => a.scores.performance - b.scores.performance || b.lcpMs - a.lcpMs);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** One Lighthouse run (the CLI, in a child process; default config = mobile, simulated throttling). */
export async function runLighthouseOnce(url: string, chromiumPath: string): Promise<{ run: LighthouseRun; version: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lh-'));
  const output = path.join(dir, 'report.json');
  try {
    const args = [
      path.join(ROOT, 'node_modules/lighthouse/cli/index.js'),
      url,
      '--quiet',
      '--output=json',
      `--output-path=${output}`,
      `--only-categories=${CATEGORIES.join(',')}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage',
    ];
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, args, {
        env: { ...process.env, CHROME_PATH: chromiumPath },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let text = '';
      child.stderr.on('data', (chunk) => (text = (text + chunk).slice(-8000)));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`lighthouse exited ${code}: ${text}`))));
    });
    if (!fs.existsSync(output)) throw new Error(`lighthouse wrote no report: ${stderr}`);
    const report = JSON.parse(fs.readFileSync(output, 'utf8')) as LhJson;
    return { run: parseLighthouse(report), version: report.lighthouseVersion };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export type LighthouseResult = {
  locale: string;
  url: string;
  runs: LighthouseRun[];
  median: LighthouseRun;
  label?: string;
  reference?: boolean;
};

export function lighthouseSection(all: LighthouseResult[], runs: number, version: string): Section {
  const results = all.filter((result) => !result.reference);
  const below = results.filter((result) => CATEGORIES.some((id) => result.median.scores[id] < 100));
  const met = results.length ? below.length === 0 : null;
  const shortfall = below
    .map((result) => {
      const missing = CATEGORIES.filter((id) => result.median.scores[id] < 100).map((id) => `${id} ${result.median.scores[id]}`);
      return `${result.locale}: ${missing.join(', ')} (${result.median.failing.join('; ') || 'no single audit'})`;
    })
    .join(' | ');
  return {
    id: 'lighthouse',
    title: 'Lighthouse, statement page, mobile',
    method:
      `Lighthouse ${version} (npm, pinned) CLI with Debian Chromium headless, default config (mobile form factor, simulated slow 4G and 4× CPU slowdown), ` +
      `${runs} run(s) per locale, the median run by performance score reported; performance is sensitive to other load on the machine.`,
    columns: ['page', 'performance', 'accessibility', 'best practices', 'SEO', 'LCP', 'TBT', 'CLS', 'performance of each run'],
    rows: all.map((result) => [
      result.label ?? `${result.locale} statement`,
      fmtNumber(result.median.scores.performance),
      fmtNumber(result.median.scores.accessibility),
      fmtNumber(result.median.scores['best-practices']),
      fmtNumber(result.median.scores.seo),
      fmtMs(result.median.lcpMs),
      fmtMs(result.median.tbtMs),
      fmtNumber(result.median.cls, 3),
      result.runs.map((run) => run.scores.performance).join(', '),
    ]),
    targets: [
      {
        name: 'Lighthouse scores, statement page in every locale',
        target: '100 / 100 / 100 / 100',
        actual: results.map((r) => `${r.locale} ${CATEGORIES.map((id) => r.median.scores[id]).join('/')}`).join(', ') || '–',
        met,
        shortfall: met === false ? shortfall : undefined,
      },
    ],
    notes: [
      `Median LCP over the locales: ${fmtMs(median(results.map((r) => r.median.lcpMs)))}.`,
      ...all
        .filter((result) => result.reference)
        .map(
          (result) =>
            `Reference, not judged: ${result.label} scores ${result.median.scores.performance} for performance (LCP ${fmtMs(result.median.lcpMs)}, TBT ${fmtMs(result.median.tbtMs)}) ` +
            `under the same conditions: what the framework's own JavaScript and the machine's load allow.`,
        ),
    ],
    data: all,
  };
}

async function medianOfRuns(url: string, runs: number, chromiumPath: string, label: string, log: (line: string) => void) {
  const results: LighthouseRun[] = [];
  let version = '?';
  for (let i = 0; i < runs; i++) {
    const once = await runLighthouseOnce(url, chromiumPath);
    version = once.version;
    results.push(once.run);
    log(
      `  ${label}, run ${i + 1}: ${CATEGORIES.map((id) => once.run.scores[id]).join('/')}, LCP ${fmtMs(once.run.lcpMs)}, TBT ${fmtMs(once.run.tbtMs)}`,
    );
  }
  return { runs: results, median: medianRun(results), version };
}

export async function runLighthouse(options: BenchOptions, log: (line: string) => void): Promise<Section> {
  const results: LighthouseResult[] = [];
  let version = '?';
  for (const { code } of readLocales()) {
    const url = options.siteUrl + sitePaths.statement(code);
    const measured = await medianOfRuns(url, options.lighthouseRuns, chromiumPath(), `${code} statement`, log);
    version = measured.version;
    results.push({ locale: code, url, runs: measured.runs, median: measured.median });
  }
  // The framework floor under the same conditions, as a reference.
  const floorApp = ensureFloorApp(log);
  const port = await freePort();
  const floor = spawnService(process.execPath, [nextBin(), 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: floorApp.dir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitForUrl(url, (status) => status === 200, 60_000, floor.alive);
    const label = 'framework floor (minimal Next page)';
    const measured = await medianOfRuns(url, options.lighthouseRuns, chromiumPath(), label, log);
    results.push({ locale: '–', url, runs: measured.runs, median: measured.median, label, reference: true });
  } finally {
    await floor.stop();
  }
  return lighthouseSection(results, options.lighthouseRuns, version);
}
