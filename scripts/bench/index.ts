/**
 * `npm run bench`: measures a running production stack (`npm start`'s) the same way every time and
 * prints one report, saved as JSON and Markdown to bench-results/ with the machine and the date.
 *
 *   npm run bench                                   # everything (about 30 minutes on 2 cores)
 *   npm run bench -- --only throughput,weight        # some sections: throughput weight lighthouse graphql publish scale mirror
 *   npm run bench -- --skip scale                    # all but some
 *   BENCH_SITE_URL=http://localhost:3100 BENCH_CMS_URL=http://localhost:1437 npm run bench
 *   npm run bench -- --tiny                          # proves the scripts work; its figures mean nothing
 *
 * Timings are never test assertions: `npm test` runs these scripts on the tiny setting only.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../lib/repo-dirs';
import { runGraphql } from './graphql';
import { runProduction } from './production';
import { runPublishScript } from './publish-runner';
import { runLighthouse } from './lighthouse';
import { parseOptions, type BenchOptions, type SectionId } from './options';
import { fmtMB } from './lib/format';
import { stopAllServices, stopServicesOnExit, waitForUrl } from '../lib/processes';
import { pidListeningOn, treeRss } from './lib/proc';
import { machineInfo, renderText, writeReport, type Report, type Section } from './lib/report';
import { runScale } from './scale';
import { runThroughput } from './throughput';
import { runMirrorThroughput } from './mirror';
import { runWeight } from './weight';

type Runner = (options: BenchOptions, log: (line: string) => void) => Promise<Section>;

const runPublish: Runner = (options, log) => runPublishScript(options, log, { siteUrl: options.siteUrl });

const RUNNERS: Record<SectionId, { title: string; run: Runner; needsStack: boolean }> = {
  throughput: { title: 'Throughput of cached pages', run: runThroughput, needsStack: true },
  weight: { title: 'Page weight', run: runWeight, needsStack: true },
  lighthouse: { title: 'Lighthouse', run: runLighthouse, needsStack: true },
  graphql: { title: 'GraphQL latency', run: runGraphql, needsStack: true },
  publish: { title: 'Publish-to-live', run: runPublish, needsStack: true },
  scale: { title: 'Scale with a synthetic corpus', run: runScale, needsStack: false },
  production: { title: 'Production topology: cache, instances, faults', run: runProduction, needsStack: false },
  mirror: { title: 'A mirror served by a static server', run: runMirrorThroughput, needsStack: true },
};

/** The commit measured, and whether the work tree had changes (the running stack may be older still). */
function codeVersion(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD');
  if (!commit) return 'unknown (no git)';
  return `${commit}${git('status', '--porcelain', '--untracked-files=no') ? ' with uncommitted changes' : ''}`;
}

function stackMemory(url: string): string {
  const port = Number(new URL(url).port || 80);
  const pid = pidListeningOn(port);
  return pid ? fmtMB(treeRss(pid)) : 'not found (another host?)';
}

export async function runBench(
  options: BenchOptions,
  log: (line: string) => void = (line) => console.error(line),
): Promise<Report> {
  const report: Report = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    conditions: {
      'site under test': options.siteUrl,
      'CMS under test': options.cmsUrl,
      code: codeVersion(),
      setting: options.tiny ? 'TINY (proves the scripts work; the figures mean nothing)' : 'full',
      'other load': 'the machine is shared: other engineers’ builds and tests may run at the same time (see the load averages)',
    },
    sections: [],
  };
  if (options.sections.some((id) => RUNNERS[id].needsStack)) {
    await waitForUrl(`${options.cmsUrl}/_health`, (status) => status === 204, 10_000);
    await waitForUrl(`${options.siteUrl}/`, (status) => status < 500, 10_000);
  }
  for (const id of options.sections) {
    const runner = RUNNERS[id];
    log(`\n[bench] ${runner.title}…`);
    const started = Date.now();
    let section: Section;
    try {
      section = await runner.run(options, log);
    } catch (error) {
      log(`[bench] ${runner.title} failed: ${(error as Error).message}`);
      section = {
        id,
        title: runner.title,
        method: '',
        columns: [],
        rows: [],
        targets: [],
        notes: [],
        error: (error as Error).message,
      };
    } finally {
      await stopAllServices();
    }
    section.durationMs = Date.now() - started;
    report.sections.push(section);
  }
  report.machine.loadAverageAtEnd = os.loadavg().map((value) => Math.round(value * 100) / 100);
  if (options.sections.some((id) => RUNNERS[id].needsStack)) {
    report.conditions['resident memory at the end'] = `site ${stackMemory(options.siteUrl)}, CMS ${stackMemory(options.cmsUrl)}`;
  }
  report.conditions['time taken'] = report.sections.map((s) => `${s.id} ${Math.round((s.durationMs ?? 0) / 1000)} s`).join(', ');
  return report;
}

async function main() {
  stopServicesOnExit();
  const options = parseOptions();
  const report = await runBench(options);
  console.log(`\n${renderText(report)}`);
  const { json, markdown } = writeReport(report, options.outDir);
  console.log(`\nSaved ${path.relative(process.cwd(), json)} and ${path.relative(process.cwd(), markdown)}`);
  process.exit(report.sections.some((section) => section.error) ? 1 : 0);
}

main().catch(async (error) => {
  console.error(`bench failed: ${(error as Error).message}`);
  await stopAllServices();
  process.exit(1);
});
