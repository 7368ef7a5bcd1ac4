import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparable, htmlForms, markedTitle, pageShows, planEdits, waitUntilLive } from '../../scripts/bench/lib/publish-polling';
import { publishSection, type EditResult } from '../../scripts/bench/publish';

// A fake site: /slow shows the marker 150 ms after it is armed, /never never does, /ok is a plain page.
let armedAt = 0;
let server: http.Server;
let base = '';
beforeAll(async () => {
  server = http.createServer((request, response) => {
    const live = armedAt > 0 && Date.now() - armedAt > 150;
    if (request.url === '/slow') response.end(live ? '<h1>Title [m-1]</h1>' : '<h1>Title</h1>');
    else if (request.url === '/never') response.end('<h1>Title</h1>');
    else if (request.url === '/ok') response.end('ok');
    else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('publish-to-live polling', () => {
  it('waits until every page shows the marker and reports the slowest', async () => {
    armedAt = Date.now();
    const t0 = performance.now();
    const result = await waitUntilLive(
      [
        { url: `${base}/slow`, expect: 'marker' },
        { url: `${base}/ok`, expect: 'ok' },
      ],
      'm-1',
      t0,
      5_000,
    );
    expect(result.timedOut).toEqual([]);
    expect(result.ms).toBeGreaterThanOrEqual(100);
    expect(result.perUrl[`${base}/ok`]).toBeLessThan(result.perUrl[`${base}/slow`]!);
  });

  it('names the pages that never showed the edit by the deadline', async () => {
    const result = await waitUntilLive(
      [
        { url: `${base}/never`, expect: 'marker' },
        { url: `${base}/missing`, expect: 'ok' },
      ],
      'm-1',
      performance.now(),
      200,
    );
    expect(result.timedOut.sort()).toEqual([`${base}/missing`, `${base}/never`]);
    expect(result.ms).toBe(200);
  });
});

describe('publish-to-live planning', () => {
  it('spreads edits evenly over the locales and cycles through each locale’s articles', () => {
    const plan = planEdits({ en: ['a', 'b'], fa: ['c'], fr: [], ar: ['d'] }, ['en', 'fa', 'fr', 'ar'], 6);
    expect(plan.map((p) => `${p.locale}:${p.item}`)).toEqual(['en:a', 'fa:c', 'ar:d', 'en:b', 'fa:c', 'ar:d']);
    expect(planEdits({}, ['en'], 3)).toEqual([]);
  });

  it('marks titles within the field length and finds titles in escaped HTML', () => {
    expect(markedTitle('Hello', 'bench-x-1')).toBe('Hello [bench-x-1]');
    expect(markedTitle('x'.repeat(400), 'm', 300)).toHaveLength(300);
    expect(htmlForms(`Tom & Jerry's "show"`)).toContain('Tom &amp; Jerry&#x27;s &quot;show&quot;');
    expect(pageShows('<h1>Tom &amp; Jerry</h1>', 'Tom & Jerry')).toBe(true);
    expect(pageShows('<h1>Tom</h1>', 'Jerry')).toBe(false);
  });

  it('compares a draft with its published version on content only', () => {
    const published = { id: 2, documentId: 'd', title: 'T', publishedAt: 'x', updatedAt: 'y', seo: { id: 9, metaTitle: 'm' } };
    const draft = { id: 1, documentId: 'd', title: 'T', publishedAt: null, updatedAt: 'z', seo: { id: 8, metaTitle: 'm' } };
    expect(comparable(draft)).toEqual(comparable(published));
    expect(comparable({ ...draft, title: 'changed' })).not.toEqual(comparable(published));
  });
});

describe('publish-to-live report', () => {
  const edit = (locale: string, liveMs: number, timedOut: string[] = []): EditResult => ({
    documentId: 'd',
    locale,
    marker: 'm',
    publishMs: 50,
    liveMs,
    probes: [{ url: 'u', expect: 'marker' }],
    perUrl: { u: liveMs },
    timedOut,
  });

  it('meets the target when p95 is under a second and nothing timed out', () => {
    const section = publishSection(
      { edits: [edit('en', 300), edit('fa', 500)], restoredOk: true },
      { edits: 2, deadlineMs: 10_000 },
    );
    expect(section.targets[0]!.met).toBe(true);
    expect(section.rows.map((row) => row[0])).toEqual(['all', 'en', 'fa']);
  });

  it('says by how much it misses', () => {
    const section = publishSection(
      { edits: [edit('en', 900), edit('fa', 1900, ['u'])], restoredOk: false },
      { edits: 2, deadlineMs: 10_000 },
    );
    expect(section.targets[0]!.met).toBe(false);
    expect(section.targets[0]!.shortfall).toMatch(/over; 1 edit\(s\) not live/);
    expect(section.notes.join(' ')).toMatch(/Restoring/);
  });
});
