import path from 'node:path';
import { runtimeConfig } from '../lib/config';
import { ROOT } from '../lib/repo-dirs';

export const SECTIONS = ['throughput', 'weight', 'lighthouse', 'graphql', 'publish', 'scale', 'production', 'mirror'] as const;
export type SectionId = (typeof SECTIONS)[number];

export type BenchOptions = {
  siteUrl: string;
  cmsUrl: string;
  sections: SectionId[];
  /** A tiny setting that only proves the scripts work (tests); its figures mean nothing. */
  tiny: boolean;
  /** autocannon: concurrent connections, seconds per run, runs per page and server. */
  connections: number;
  durationSec: number;
  runs: number;
  /** GraphQL: sequential requests per query. */
  graphqlRuns: number;
  /** Lighthouse: runs per page (the median run is reported). */
  lighthouseRuns: number;
  /** Publish-to-live: edits (spread over the locales) and how long to wait for one. */
  publishEdits: number;
  publishDeadlineMs: number;
  /** Scale: synthetic corpus sizes (articles per locale). */
  scaleSizes: number[];
  outDir: string;
};

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
}

function positiveNumber(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${name} must be a positive number, not "${value}"`);
  return number;
}

function sectionList(value: string | undefined, name: string): SectionId[] | undefined {
  if (value === undefined) return undefined;
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  for (const id of ids)
    if (!(SECTIONS as readonly string[]).includes(id))
      throw new Error(`--${name}: unknown section "${id}" (known: ${SECTIONS.join(', ')})`);
  return ids as SectionId[];
}

/**
 * Options from the command line (`npm run bench -- --only throughput,weight --tiny`) and the
 * environment (BENCH_SITE_URL, BENCH_CMS_URL, BENCH_CONNECTIONS, ...). The command line wins.
 */
export function parseOptions(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const tiny = argv.includes('--tiny') || env.BENCH_TINY === '1';
  const only = sectionList(argValue(argv, 'only') ?? env.BENCH_ONLY, 'only');
  const skip = sectionList(argValue(argv, 'skip') ?? env.BENCH_SKIP, 'skip') ?? [];
  const sections = (only ?? [...SECTIONS]).filter((id) => !skip.includes(id));
  const get = (flag: string, variable: string) => argValue(argv, flag) ?? env[variable];
  const sizes = (get('scale-sizes', 'BENCH_SCALE_SIZES') ?? (tiny ? '3' : '10,1000'))
    .split(',')
    .map((size) => positiveNumber(size.trim(), 0, 'scale size'));

  return {
    // By default, the stack `npm start` runs.
    siteUrl: (get('site', 'BENCH_SITE_URL') ?? runtimeConfig(env).siteUrl).replace(/\/+$/, ''),
    cmsUrl: (get('cms', 'BENCH_CMS_URL') ?? runtimeConfig(env).cmsUrl).replace(/\/+$/, ''),
    sections,
    tiny,
    connections: positiveNumber(get('connections', 'BENCH_CONNECTIONS'), tiny ? 2 : 10, 'connections'),
    durationSec: positiveNumber(get('duration', 'BENCH_DURATION'), tiny ? 1 : 5, 'duration'),
    runs: positiveNumber(get('runs', 'BENCH_RUNS'), tiny ? 1 : 3, 'runs'),
    graphqlRuns: positiveNumber(get('graphql-runs', 'BENCH_GRAPHQL_RUNS'), tiny ? 5 : 300, 'graphql runs'),
    lighthouseRuns: positiveNumber(get('lighthouse-runs', 'BENCH_LIGHTHOUSE_RUNS'), tiny ? 1 : 3, 'lighthouse runs'),
    publishEdits: positiveNumber(get('edits', 'BENCH_PUBLISH_EDITS'), tiny ? 2 : 20, 'edits'),
    publishDeadlineMs: positiveNumber(get('deadline-ms', 'BENCH_PUBLISH_DEADLINE_MS'), 15_000, 'deadline'),
    scaleSizes: sizes,
    outDir: path.resolve(get('out', 'BENCH_OUT') ?? path.join(ROOT, 'bench-results')),
  };
}
