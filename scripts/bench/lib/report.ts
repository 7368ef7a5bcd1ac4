import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One quality target: what it asks, what was measured, and whether it is met (null: not measured). */
export type Target = {
  name: string;
  target: string;
  actual: string;
  met: boolean | null;
  /** When not met: by how much, in words ("p95 1.4 s, 0.4 s over"). */
  shortfall?: string;
};

/** One measurement: how it was obtained, a table of figures, targets, notes and the raw data. */
export type Section = {
  id: string;
  title: string;
  /** Tool, connections, duration, runs: enough to reproduce the figures. */
  method: string;
  columns: string[];
  rows: string[][];
  /** Further tables, after the main one. */
  tables?: { title: string; columns: string[]; rows: string[][] }[];
  targets: Target[];
  notes: string[];
  /** Raw figures for the JSON file. */
  data?: unknown;
  /** Set when the measurement could not be made; the rest of the report is still written. */
  error?: string;
  durationMs?: number;
};

export type Machine = {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
};

export type Report = {
  date: string;
  machine: Machine;
  conditions: Record<string, string>;
  sections: Section[];
};

export function machineInfo(): Machine {
  return {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

export const verdict = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : 'NOT MET');

export function allTargets(report: Report): (Target & { section: string })[] {
  return report.sections.flatMap((section) => section.targets.map((target) => ({ ...target, section: section.title })));
}

// ---------------------------------------------------------------------------------------------
// Plain text, for the terminal

function textTable(columns: string[], rows: string[][]): string {
  const widths = columns.map((column, i) => Math.max([...column].length, ...rows.map((row) => [...(row[i] ?? '')].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const pad = widths[i]! - [...cell].length;
        // Numbers read best right-aligned; text left-aligned.
        return /^[-–\d.,]+( ?[%a-zA-Z/]+)?$/.test(cell) ? ' '.repeat(pad) + cell : cell + ' '.repeat(pad);
      })
      .join('  ')
      .trimEnd();
  return [
    line(columns),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map((row) => line(columns.map((_, i) => row[i] ?? ''))),
  ].join('\n');
}

export function renderText(report: Report): string {
  const out: string[] = [];
  const { machine } = report;
  out.push(`Benchmarks, ${report.date}`);
  out.push(
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; ` +
      `load average at start ${machine.loadAverageAtStart.join(' / ')}` +
      (machine.loadAverageAtEnd ? `, at end ${machine.loadAverageAtEnd.join(' / ')}` : ''),
  );
  for (const [key, value] of Object.entries(report.conditions)) out.push(`${key}: ${value}`);
  for (const section of report.sections) {
    out.push('', `== ${section.title} ==`, `How: ${section.method}`);
    if (section.error) out.push(`ERROR: ${section.error}`);
    if (section.rows.length) out.push(textTable(section.columns, section.rows));
    for (const table of section.tables ?? []) out.push('', `${table.title}:`, textTable(table.columns, table.rows));
    for (const target of section.targets) {
      out.push(
        `[${verdict(target.met)}] ${target.name}: ${target.actual} (target ${target.target})${target.shortfall ? `; ${target.shortfall}` : ''}`,
      );
    }
    for (const note of section.notes) out.push(`Note: ${note}`);
  }
  const targets = allTargets(report);
  if (targets.length) {
    out.push('', '== Targets ==');
    out.push(
      textTable(
        ['', 'target', 'measured', 'wanted', 'by how much'],
        targets.map((t) => [verdict(t.met), t.name, t.actual, t.target, t.shortfall ?? '']),
      ),
    );
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Markdown, for the results folder and the README

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(columns: string[], rows: string[][]): string {
  const numeric = columns.map(
    (_, i) => rows.length > 0 && rows.every((row) => /^[-–\d.,]+( ?[%a-zA-Z/]+)?$|^$/.test(row[i] ?? '')),
  );
  return [
    `| ${columns.map(cell).join(' | ')} |`,
    `| ${columns.map((_, i) => (numeric[i] ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${columns.map((_, i) => cell(row[i] ?? '')).join(' | ')} |`),
  ].join('\n');
}

export function renderMarkdown(report: Report, headingLevel = 2): string {
  const h = (level: number) => '#'.repeat(headingLevel + level);
  const { machine } = report;
  const out: string[] = [];
  out.push(`${h(0)} Benchmarks, ${report.date}`, '');
  out.push(
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB memory, Node ${machine.node}, ${machine.platform}. ` +
      `Load average at start ${machine.loadAverageAtStart.join(' / ')}` +
      (machine.loadAverageAtEnd ? `, at end ${machine.loadAverageAtEnd.join(' / ')}` : '') +
      '.',
  );
  out.push('');
  for (const [key, value] of Object.entries(report.conditions)) out.push(`- ${key}: ${value}`);
  const targets = allTargets(report);
  if (targets.length) {
    out.push('', `${h(1)} Targets`, '');
    out.push(
      markdownTable(
        ['', 'target', 'measured', 'wanted', 'by how much'],
        targets.map((t) => [`**${verdict(t.met)}**`, t.name, t.actual, t.target, t.shortfall ?? '']),
      ),
    );
  }
  for (const section of report.sections) {
    out.push('', `${h(1)} ${section.title}`, '', `*How:* ${section.method}`, '');
    if (section.error) out.push(`**Error:** ${section.error}`, '');
    if (section.rows.length) out.push(markdownTable(section.columns, section.rows), '');
    for (const table of section.tables ?? []) out.push(`${table.title}:`, '', markdownTable(table.columns, table.rows), '');
    for (const target of section.targets) {
      out.push(
        `- **${verdict(target.met)}**: ${target.name}: ${target.actual} (target ${target.target})${target.shortfall ? `; ${target.shortfall}` : ''}`,
      );
    }
    for (const note of section.notes) out.push(`- ${note}`);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

/** Writes <dir>/<stamp>.json and .md (and latest.json / latest.md); returns both paths. */
export function writeReport(report: Report, dir: string): { json: string; markdown: string } {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = report.date.replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
  const json = path.join(dir, `${stamp}.json`);
  const markdown = path.join(dir, `${stamp}.md`);
  const jsonText = JSON.stringify(report, null, 2) + '\n';
  const markdownText = renderMarkdown(report);
  fs.writeFileSync(json, jsonText);
  fs.writeFileSync(markdown, markdownText);
  fs.writeFileSync(path.join(dir, 'latest.json'), jsonText);
  fs.writeFileSync(path.join(dir, 'latest.md'), markdownText);
  return { json, markdown };
}
