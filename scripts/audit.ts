import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/repo-dirs';

/**
 * `npm run audit`: `npm audit --omit=dev` (what readers' servers run: no development dependency),
 * failing on any high or critical advisory that is not explained in scripts/audit-exceptions.json
 * (each entry says why the vulnerable code cannot be reached; the README lists them).
 * When the registry's audit endpoint cannot be reached (some networks allow only package
 * downloads), it says so loudly and exits 3; `--unreachable-ok` (CI) turns that into a warning.
 */
export type AuditReport = {
  vulnerabilities?: Record<string, { severity: string; via: (string | { title?: string; url?: string })[] }>;
  message?: string;
  error?: { summary?: string };
};
export type Exception = { package: string; advisory: string; why: string };

/** The high and critical advisories not explained by an exception, one line each. */
export function unexplained(report: AuditReport, exceptions: Exception[]): string[] {
  const lines: string[] = [];
  for (const [name, finding] of Object.entries(report.vulnerabilities ?? {})) {
    if (finding.severity !== 'high' && finding.severity !== 'critical') continue;
    const advisories = finding.via.filter((via): via is { title?: string; url?: string } => typeof via === 'object');
    // Only direct advisories are judged here; a package listed because of a dependency is judged there.
    for (const advisory of advisories) {
      const explained = exceptions.some((exception) => exception.package === name && exception.advisory === advisory.url);
      if (!explained) lines.push(`${finding.severity}: ${name}: ${advisory.title ?? 'advisory'} (${advisory.url ?? 'no URL'})`);
    }
  }
  return lines;
}

function main() {
  const exceptions = JSON.parse(fs.readFileSync(path.join(ROOT, 'scripts/audit-exceptions.json'), 'utf8')) as Exception[];
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  let report: AuditReport;
  try {
    report = JSON.parse(run.stdout) as AuditReport;
  } catch {
    report = { message: run.stderr.trim() || 'no answer' };
  }
  if (!report.vulnerabilities) {
    const why = report.message ?? report.error?.summary ?? run.stderr.trim();
    console.error(`AUDIT NOT RUN: npm could not reach the registry's audit endpoint (${why}).`);
    console.error('Run `npm run audit` on a network that allows it; no advisory was checked.');
    process.exit(process.argv.includes('--unreachable-ok') ? 0 : 3);
  }
  const problems = unexplained(report, exceptions);
  const counts = Object.values(report.vulnerabilities).reduce<Record<string, number>>(
    (all, finding) => ({ ...all, [finding.severity]: (all[finding.severity] ?? 0) + 1 }),
    {},
  );
  console.log(`npm audit --omit=dev: ${JSON.stringify(counts)}; ${exceptions.length} explained exception(s).`);
  for (const line of problems) console.error(line);
  process.exit(problems.length ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
