import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOperations, variablesFor } from '../../scripts/bench/graphql';
import { lighthouseSection, medianRun, parseLighthouse, type LighthouseRun } from '../../scripts/bench/lighthouse';
import { checkFonts, classify, parseUnicodeRange, textHitsRange, weigh } from '../../scripts/bench/lib/weight-model';
import { load, staticFileFor, throughputSection, type PageThroughput } from '../../scripts/bench/throughput';
import { weightSection, type PageWeight } from '../../scripts/bench/weight';
import { freePort, spawnService, TSX, waitForUrl } from '../../scripts/lib/processes';
import { ROOT } from '../../scripts/lib/repo-dirs';

describe('bench: GraphQL operations', () => {
  it('reads every query the site makes, with its fragments, and knows a value for each variable', () => {
    const operations = readOperations();
    expect(operations.map((o) => o.name)).toEqual(
      expect.arrayContaining(['HomePage', 'StatementPage', 'ArticlePage', 'ArticleList']),
    );
    for (const operation of operations) {
      for (const spread of operation.query.matchAll(/\.\.\.(\w+)/g))
        expect(operation.query).toContain(`fragment ${spread[1]} on`);
      const variables = variablesFor(operation, { locale: 'fa', slugs: { fa: 'x' }, documentIds: { fa: 'd' } });
      expect(Object.keys(variables).sort()).toEqual([...operation.variables].sort());
    }
  });
});

describe('bench: page weight model', () => {
  it('classifies requests by DevTools type, then MIME type', () => {
    expect(classify('Document')).toBe('html');
    expect(classify('Script')).toBe('js');
    expect(classify('Font')).toBe('fonts');
    expect(classify('Fetch', 'text/x-component')).toBe('other');
    expect(classify(undefined, 'application/javascript')).toBe('js');
    const w = weigh([
      { url: 'a', kind: 'html', bytes: 10, status: 200 },
      { url: 'b', kind: 'js', bytes: 5, status: 200 },
      { url: 'c', kind: 'js', bytes: 5, status: 200 },
    ]);
    expect(w).toMatchObject({ html: 10, js: 10, total: 20, requests: 3 });
  });

  it('reads unicode-range descriptors and tells which font files the text needs', () => {
    expect(parseUnicodeRange('U+0600-06FF, U+200C, U+4??')).toEqual([
      [0x600, 0x6ff],
      [0x200c, 0x200c],
      [0x400, 0x4ff],
    ]);
    expect(textHitsRange('سلام', parseUnicodeRange('U+0600-06FF'))).toBe(true);
    expect(textHitsRange('hello', parseUnicodeRange('U+0600-06FF'))).toBe(false);
    const faces = [
      { family: 'Vazirmatn', url: 'http://s/_next/static/media/vazirmatn-arabic.1a.woff2', unicodeRange: 'U+0600-06FF' },
      { family: 'Noto Sans', url: 'http://s/_next/static/media/noto-sans-latin.2b.woff2', unicodeRange: 'U+0000-00FF' },
    ];
    const checks = checkFonts(
      faces.map((f) => f.url),
      faces,
      'Hello world',
    );
    expect(checks.map((c) => [c.file, c.needed])).toEqual([
      ['vazirmatn-arabic.1a.woff2', false],
      ['noto-sans-latin.2b.woff2', true],
    ]);
  });

  const page = (label: string, js: number, total: number, fontsNeeded = true): PageWeight => ({
    label,
    url: 'u',
    weight: { html: 1, css: 0, js, fonts: 0, images: 0, other: 0, total, requests: 5 },
    fonts: [{ url: 'f', file: 'x.woff2', family: 'X', needed: fontsNeeded }],
    requests: [],
  });

  it('judges the budget: floor + 10 KB of JavaScript, needed fonts only, 250 KB for the Persian statement', () => {
    const floor = page('floor', 100_000, 110_000);
    const routes = [{ route: '/[locale]', uncompressedBytes: 1, gzipBytes: 105_000, chunks: 3 }];
    const floorRoutes = [{ route: '/', uncompressedBytes: 1, gzipBytes: 100_000, chunks: 3 }];
    const ok = weightSection([page('fa statement', 105_000, 200_000)], floor, routes, floorRoutes);
    expect(ok.targets.map((t) => t.met)).toEqual([true, true, true, true]);
    const bad = weightSection(
      [page('fa statement', 120_000, 300_000, false)],
      floor,
      [{ ...routes[0]!, gzipBytes: 120_000 }],
      floorRoutes,
    );
    expect(bad.targets.map((t) => t.met)).toEqual([false, false, false, false]);
    expect(bad.targets[0]!.shortfall).toMatch(/KB over/);
    expect(bad.targets[2]!.actual).toContain('fa statement: x.woff2');
  });
});

describe('bench: Lighthouse results', () => {
  const lhr = (performance: number) => ({
    lighthouseVersion: '12.2.3',
    categories: {
      performance: { score: performance, auditRefs: [{ id: 'largest-contentful-paint', weight: 25 }] },
      accessibility: { score: 1, auditRefs: [{ id: 'color-contrast', weight: 7 }] },
      'best-practices': { score: 1, auditRefs: [] },
      seo: {
        score: 0.92,
        auditRefs: [
          { id: 'meta-description', weight: 1 },
          { id: 'informative', weight: 0 },
        ],
      },
    },
    audits: {
      'largest-contentful-paint': { score: performance, numericValue: 1800 },
      'total-blocking-time': { score: 1, numericValue: 20 },
      'cumulative-layout-shift': { score: 1, numericValue: 0.01 },
      'color-contrast': { score: 1 },
      'meta-description': { score: 0 },
      informative: { score: 0 },
    },
  });

  it('reads scores, metrics and the audits that cost points', () => {
    const run = parseLighthouse(lhr(0.97));
    expect(run.scores).toEqual({ performance: 97, accessibility: 100, 'best-practices': 100, seo: 92 });
    expect(run).toMatchObject({ lcpMs: 1800, tbtMs: 20, cls: 0.01 });
    expect(run.failing).toEqual(['performance: largest-contentful-paint', 'seo: meta-description']);
  });

  it('reports the median run and misses the target when any score is under 100', () => {
    const runs: LighthouseRun[] = [0.9, 1, 0.95].map((s) => parseLighthouse(lhr(s)));
    expect(medianRun(runs).scores.performance).toBe(95);
    const section = lighthouseSection([{ locale: 'fa', url: 'u', runs, median: medianRun(runs) }], 3, '12.2.3');
    expect(section.targets[0]!.met).toBe(false);
    expect(section.targets[0]!.shortfall).toContain('fa: performance 95, seo 92');
  });
});

describe('bench: throughput', () => {
  it('maps page paths to saved files, Persian slugs included, and nothing outside', () => {
    expect(staticFileFor('/r', '/en')).toBe('/r/en.html');
    expect(staticFileFor('/r', `/fa/articles/${encodeURIComponent('چگونه-بیانیه')}`)).toBe('/r/fa/articles/چگونه-بیانیه.html');
    expect(() => staticFileFor('/r', '/en/%2e%2e')).toThrow(/unsafe/);
  });

  it('judges site / static per page against 50 %', () => {
    const run = (rps: number) => ({ rps, p50: 5, p99: 20, errors: 0, requests: rps });
    const result = (label: string, site: number, reference: number): PageThroughput => ({
      page: { kind: 'home', locale: 'en', dir: 'ltr', path: '/en', label },
      cacheHeader: 'HIT',
      htmlBytes: 1000,
      site: [run(site)],
      static: [run(reference)],
    });
    const section = throughputSection([result('en home', 600, 1000), result('fa home', 400, 1000)], {
      connections: 10,
      durationSec: 5,
      runs: 1,
    });
    expect(section.targets[0]!.met).toBe(false);
    expect(section.targets[0]!.actual).toContain('worst 40 % (fa home)');
    expect(section.targets[0]!.shortfall).toContain('10 points under');
  });

  it('loads the static reference server with autocannon (tiny setting)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-static-test-'));
    fs.mkdirSync(path.join(dir, 'fa/articles'), { recursive: true });
    fs.writeFileSync(staticFileFor(dir, `/fa/articles/${encodeURIComponent('سلام')}`), '<!doctype html><p>سلام</p>');
    const port = await freePort();
    const server = spawnService(process.execPath, [TSX, path.join(ROOT, 'scripts/bench/static-server.ts'), dir, String(port)], {
      cwd: ROOT,
      env: process.env,
    });
    try {
      const url = `http://127.0.0.1:${port}/fa/articles/${encodeURIComponent('سلام')}`;
      await waitForUrl(url, (status) => status === 200, 20_000, server.alive);
      const result = await load(url, 2, 1);
      expect(result.requests).toBeGreaterThan(0);
      expect(result.errors).toBe(0);
      expect(result.rps).toBeGreaterThan(0);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
