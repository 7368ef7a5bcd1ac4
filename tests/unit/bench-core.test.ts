import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOptions, SECTIONS } from '../../scripts/bench/options';
import { markdownTable, renderMarkdown, renderText, writeReport, type Report } from '../../scripts/bench/lib/report';
import { median, quantile, summarize } from '../../scripts/bench/lib/stats';

describe('bench statistics', () => {
  it('interpolates quantiles between closest ranks', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.95)).toBeCloseTo(10.5);
    expect(quantile([], 0.5)).toBeNaN();
    const s = summarize([5, 1, 9]);
    expect(s).toMatchObject({ n: 3, min: 1, p50: 5, max: 9, mean: 5 });
  });
});

describe('bench options', () => {
  it('measures everything against the default stack by default', () => {
    const o = parseOptions([], {});
    expect(o.sections).toEqual([...SECTIONS]);
    expect(o.siteUrl).toBe('http://localhost:3000');
    expect(o.cmsUrl).toBe('http://127.0.0.1:1337');
    expect(o.tiny).toBe(false);
    expect(o.scaleSizes).toEqual([10, 1000]);
    expect(o.outDir.endsWith('bench-results')).toBe(true);
  });

  it('takes sections, URLs and settings from the command line over the environment', () => {
    const o = parseOptions(['--only=throughput,graphql', '--skip', 'graphql', '--site', 'http://x:1/', '--tiny'], {
      BENCH_SITE_URL: 'http://ignored',
      BENCH_CMS_URL: 'http://cms:2',
      BENCH_RUNS: '4',
    });
    expect(o.sections).toEqual(['throughput']);
    expect(o.siteUrl).toBe('http://x:1');
    expect(o.cmsUrl).toBe('http://cms:2');
    expect(o.runs).toBe(4);
    expect(o.durationSec).toBe(1); // tiny
  });

  it('refuses unknown sections and nonsense numbers', () => {
    expect(() => parseOptions(['--only', 'speed'], {})).toThrow(/unknown section/);
    expect(() => parseOptions([], { BENCH_DURATION: '-1' })).toThrow(/positive/);
  });
});

const report: Report = {
  date: '2026-11-27T19:00:00.000Z',
  machine: { cores: 2, cpuModel: 'Test CPU', memoryGiB: 24, node: 'v20.20.2', platform: 'Linux', loadAverageAtStart: [1, 2, 3] },
  conditions: { 'site under test': 'http://localhost:3000' },
  sections: [
    {
      id: 'demo',
      title: 'Demo section',
      method: 'a fake tool, 1 run',
      columns: ['page', 'req/s'],
      rows: [['en home', '1,234']],
      targets: [
        { name: 'fast enough', target: '≥ 1', actual: '2', met: true },
        { name: 'small enough', target: '< 1 KB', actual: '3 KB', met: false, shortfall: '2 KB over' },
      ],
      notes: ['a note | with a pipe'],
    },
  ],
};

describe('bench report', () => {
  it('prints the machine, the method, the figures and a verdict per target', () => {
    const text = renderText(report);
    expect(text).toContain('2 cores (Test CPU), 24 GiB, Node v20.20.2');
    expect(text).toContain('How: a fake tool, 1 run');
    expect(text).toMatch(/en home\s+1,234/);
    expect(text).toContain('[met] fast enough');
    expect(text).toContain('[NOT MET] small enough: 3 KB (target < 1 KB); 2 KB over');
  });

  it('writes Markdown with escaped tables and right-aligned numbers', () => {
    expect(markdownTable(['a', 'n'], [['x|y', '12 ms']])).toBe('| a | n |\n| --- | ---: |\n| x\\|y | 12 ms |');
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('## Benchmarks, 2026-11-27T19:00:00.000Z');
    expect(markdown).toContain('| **NOT MET** | small enough | 3 KB | < 1 KB | 2 KB over |');
  });

  it('saves JSON and Markdown named by the date, and a latest copy', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-report-'));
    try {
      const { json, markdown } = writeReport(report, dir);
      expect(path.basename(json)).toBe('2026-11-27T19-00-00Z.json');
      expect(JSON.parse(fs.readFileSync(json, 'utf8')).sections[0].id).toBe('demo');
      expect(fs.readFileSync(markdown, 'utf8')).toContain('Demo section');
      expect(fs.existsSync(path.join(dir, 'latest.md'))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
