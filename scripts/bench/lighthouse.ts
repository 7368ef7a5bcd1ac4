import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../lib/paths';
import type { BenchOptions } from './options';
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
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((report.categories[id]?.score ?? 0) * 100)])) as Record<Category, number>;
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
      const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: chromiumPath }, stdio: ['ignore', 'ignore', 'pipe'] });
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

export type LighthouseResult = { locale: string; url: string; runs: LighthouseRun[]; median: LighthouseRun };

export function lighthouseSection(results: LighthouseResult[], runs: number, version: string): Section {
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
    rows: results.map((result) => [
      `${result.locale} statement`,
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
    notes: [`Median LCP over the locales: ${fmtMs(median(results.map((r) => r.median.lcpMs)))}.`],
    data: results,
  };
}

export async function runLighthouse(options: BenchOptions, log: (line: string) => void): Promise<Section> {
  const results: LighthouseResult[] = [];
  let version = '?';
  for (const { code } of readLocales()) {
    const url = options.siteUrl + sitePaths.statement(code);
    const runs: LighthouseRun[] = [];
    for (let i = 0; i < options.lighthouseRuns; i++) {
      const once = await runLighthouseOnce(url, options.chromiumPath);
      version = once.version;
      runs.push(once.run);
      log(`  ${code} statement, run ${i + 1}: ${CATEGORIES.map((id) => once.run.scores[id]).join('/')}, LCP ${fmtMs(once.run.lcpMs)}`);
    }
    results.push({ locale: code, url, runs, median: medianRun(runs) });
  }
  return lighthouseSection(results, options.lighthouseRuns, version);
}
