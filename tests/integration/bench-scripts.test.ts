/**
 * The benchmark scripts on a tiny setting, against the integration tests' seeded CMS (or a copy of
 * its database) and a fake site. They prove the scripts work; no figure is asserted.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { measureOperations } from '../../scripts/bench/graphql';
import type { Section } from '../../scripts/bench/lib/report';
import { ROOT } from '../../scripts/lib/repo-dirs';
import { TSX } from '../../scripts/lib/processes';

const Database = createRequire(path.join(ROOT, 'cms/package.json'))('better-sqlite3');

type Row = { title: string; slug: string; document_id: string; locale: string };

/**
 * A fake site over a SQLite file, cached like the real one: each page is rendered from the
 * published rows on its first request and kept until POST /api/revalidate (the CMS's webhook).
 */
function fakeSite(dbFile: string, secret: string) {
  const cache = new Map<string, string>();
  const webhooks: { event: string; model: string }[] = [];
  const render = (url: string): string | null => {
    const db = new Database(dbFile, { readonly: true });
    try {
      const [, locale, section, slug] = decodeURIComponent(url).split('/');
      const published = (where = '', ...params: unknown[]) =>
        db
          .prepare(
            `select title, slug, document_id, locale from articles where published_at is not null and locale = ? ${where} order by published_at desc, document_id`,
          )
          .all(locale, ...params) as Row[];
      if (!section)
        return `<h1>Home ${locale}</h1>${published()
          .slice(0, 5)
          .map((a) => `<li>${a.title}</li>`)
          .join('')}`;
      if (section === 'articles' && !slug)
        return `<h1>Articles</h1>${published()
          .slice(0, 10)
          .map((a) => `<li>${a.title}</li>`)
          .join('')}`;
      const [article] = published('and slug = ?', slug);
      return article ? `<h1>${article.title}</h1>` : null;
    } finally {
      db.close();
    }
  };
  const server = http.createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/api/revalidate') {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        response.statusCode = request.headers.authorization === `Bearer ${secret}` ? 200 : 401;
        if (response.statusCode === 200) {
          webhooks.push(JSON.parse(body));
          cache.clear();
        }
        response.end();
      });
      return;
    }
    const url = request.url ?? '/';
    if (url === '/') return response.end('<p>fake site</p>');
    const html = cache.get(url) ?? render(url);
    if (html === null) {
      response.statusCode = 404;
      return response.end('not found');
    }
    cache.set(url, html);
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(html);
  });
  return { server, webhooks };
}

const database = inject('cmsDatabase');
const sqliteFile = database.client === 'sqlite' ? database.file : '';

/** Runs a script without blocking this process, which serves the fake site meanwhile. */
function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...inject('cmsEnv'), STRAPI_LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('bench: GraphQL latency', () => {
  it('runs every query the site makes against the CMS without an error', async () => {
    const results = await measureOperations(inject('cmsUrl'), 3);
    expect(results.length).toBeGreaterThanOrEqual(4);
    for (const result of results) {
      expect(result.errors, result.name).toBe(0);
      expect(result.summary.n).toBe(3);
    }
  });
});

// The benchmarks below work on a copy of the CMS's SQLite file (and the synthetic corpus loads only
// SQLite files, never the real database), so they have nothing to run on PostgreSQL.
describe.skipIf(!sqliteFile)("SQLite only: on a copy of the CMS's SQLite file", () => {
  let dir = '';
  let copy = '';
  let site: ReturnType<typeof fakeSite>;
  let siteUrl = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-it-'));
    copy = path.join(dir, 'data.db');
    const source = new Database(sqliteFile, { readonly: true });
    await source.backup(copy);
    source.close();
    site = fakeSite(copy, inject('cmsSecrets').revalidate);
    await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    if (site) await new Promise<void>((resolve) => site.server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('npm run bench', () => {
    it('prints the table and saves it as JSON and Markdown (tiny setting, GraphQL only)', async () => {
      const out = path.join(dir, 'results');
      const result = await run([
        'scripts/bench/index.ts',
        '--tiny',
        '--only',
        'graphql',
        '--cms',
        inject('cmsUrl'),
        '--site',
        siteUrl,
        '--out',
        out,
      ]);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('GraphQL latency of every query the site makes');
      expect(result.stdout).toMatch(/HomePage\s+5/);
      const files = fs.readdirSync(out);
      expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(2); // <date>.json and latest.json
      const report = JSON.parse(fs.readFileSync(path.join(out, 'latest.json'), 'utf8'));
      expect(report.machine.cores).toBeGreaterThan(0);
      expect(report.sections[0].id).toBe('graphql');
      expect(fs.readFileSync(path.join(out, 'latest.md'), 'utf8')).toContain('| query | runs | p50 | p95 |');
    });
  });

  describe('npm run bench:publish', () => {
    it('publishes edits in process, sees them live on every affected page, and restores the titles', async () => {
      const titlesBefore = new Database(copy, { readonly: true }).prepare('select id, title from articles order by id').all();
      const out = path.join(dir, 'publish.json');
      const result = await run(
        ['scripts/bench/publish.ts', '--site', siteUrl, '--edits', '2', '--deadline-ms', '10000', '--json', out],
        {
          DATABASE_FILENAME: copy,
        },
      );
      expect(result.status, result.stderr).toBe(0);
      const section = JSON.parse(fs.readFileSync(out, 'utf8')) as Section & {
        data: { edits: { locale: string; timedOut: string[]; probes: unknown[] }[]; restoredOk: boolean };
      };
      expect(section.data.edits.map((edit) => edit.locale)).toEqual(['en', 'fa']);
      for (const edit of section.data.edits) {
        expect(edit.timedOut).toEqual([]);
        expect(edit.probes.length).toBeGreaterThanOrEqual(3);
      }
      expect(section.data.restoredOk).toBe(true);
      // The CMS's webhook fired from the benchmark's process, with the shared secret.
      expect(site.webhooks.some((hook) => hook.event === 'entry.publish' && hook.model === 'article')).toBe(true);
      const db = new Database(copy, { readonly: true });
      const titles = db.prepare('select title from articles').all() as { title: string }[];
      expect(titles.filter((row) => row.title.includes('[bench-'))).toEqual([]);
      db.close();
      expect(titlesBefore.length).toBeGreaterThan(0);
    });
  });

  describe('the synthetic corpus', () => {
    it('refuses the real database', async () => {
      const result = await run(['scripts/bench/corpus.ts', '--articles', '1'], {
        DATABASE_FILENAME: path.join(ROOT, 'cms/.tmp/data.db'),
      });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('separate SQLite file');
    });

    it('loads N articles in every locale, published, into its own file', async () => {
      const result = await run(['scripts/bench/corpus.ts', '--articles', '2'], { DATABASE_FILENAME: copy });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/RESULT \{"articles":2,"ms":/);
      const db = new Database(copy, { readonly: true });
      const rows = db
        .prepare(
          "select locale, count(*) as n from articles where slug like 'synthetic-%' and published_at is not null group by locale order by locale",
        )
        .all();
      db.close();
      expect(rows).toEqual(['ar', 'en', 'fa', 'fr'].map((locale) => ({ locale, n: 2 })));
    });
  });
});
