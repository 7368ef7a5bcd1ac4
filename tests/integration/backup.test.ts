/**
 * Backups that restore (issue 12, item 5): a CMS of its own, seeded, plus a draft-only article, a
 * Persian translation with a review state and a Persian slug, a published version with a pending
 * draft edit; `npm run backup` while it runs; the damaged, truncated, foreign and wrong-key files
 * refused with the database untouched; then the database and uploads WIPED, `npm run restore`, the
 * CMS started again: every document in every locale, drafts and published, and the uploaded image's
 * bytes as the CMS serves them, identical to before. Runs on whatever database startCms gives it
 * (SQLite, or PostgreSQL with DATABASE_CLIENT=postgres in cms.env).
 */
import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsDatabase, withPgServer } from '../../scripts/lib/backup';
import { quoteIdent } from '../../scripts/lib/postgres';
import { ROOT } from '../../scripts/lib/repo-dirs';
import { TSX } from '../../scripts/lib/processes';
import { runStrapiTask, startCms, type RunningCms } from '../helpers/cms';

const LOCALES = ['en', 'fa', 'fr', 'ar'];
const STATUSES = ['draft', 'published'];
const ARTICLE = 'api::article.article';
const PERSIAN_SLUG = 'آزمون-پشتیبان-گیری';
const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

let cms: RunningCms;
let dir: string;
let publicDir: string;
let keyFile: string;
let backupFile: string;
let before: Snapshot;

type Snapshot = { documents: Record<string, unknown>; images: Record<string, string> };

/** Runs the script without blocking this process, whose fetches keep connections to the CMS open. */
function run(script: 'backup' | 'restore', args: string[]): Promise<{ status: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [TSX, `scripts/${script}.ts`, ...args],
      { cwd: ROOT, env: { ...process.env, ...cms.env, STRAPI_LOG_LEVEL: 'error' }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ status, out: `${stdout}\n${stderr}` });
      },
    );
  });
}

const byLocale = (a: unknown, b: unknown) =>
  JSON.stringify([(a as { locale?: string }).locale, a]).localeCompare(JSON.stringify([(b as { locale?: string }).locale, b]));

/**
 * Numeric row ids are the database's own business (an import numbers rows anew), and so is the
 * order of an unsorted relation (PostgreSQL returns `localizations` in row order): drop the one,
 * sort the other.
 */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalized);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, field]) => !(key === 'id' && typeof field === 'number'))
        .map(([key, field]) => [
          key,
          key === 'localizations' && Array.isArray(field) ? (normalized(field) as unknown[]).sort(byLocale) : normalized(field),
        ]),
    );
  }
  return value;
}

function urlsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => urlsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, field] of Object.entries(value)) {
      if (key === 'url' && typeof field === 'string' && field.startsWith('/uploads/')) found.add(field);
      else urlsIn(field, found);
    }
  }
  return found;
}

/** Every article and the statement, in every locale and both states, through the REST API. */
async function snapshot(): Promise<Snapshot> {
  const auth = { authorization: `Bearer ${cms.env.PREVIEW_API_TOKEN}` };
  const get = async (pathAndQuery: string) => {
    const response = await fetch(`${cms.url}${pathAndQuery}`, { headers: auth });
    const body = (await response.json()) as { data: unknown };
    // A single type not (yet) in a locale or state answers 404: part of the picture too.
    expect([200, 404], pathAndQuery).toContain(response.status);
    return { status: response.status, data: body.data };
  };
  const documents: Record<string, unknown> = {};
  for (const locale of LOCALES) {
    for (const status of STATUSES) {
      const query = `locale=${locale}&status=${status}&populate=*`;
      documents[`articles ${locale} ${status}`] = await get(`/api/articles?${query}&sort=documentId&pagination[pageSize]=100`);
      documents[`statement ${locale} ${status}`] = await get(`/api/statement?${query}`);
    }
  }
  const images: Record<string, string> = {};
  for (const url of urlsIn(documents)) {
    const response = await fetch(`${cms.url}${url}`);
    expect(response.status, url).toBe(200);
    images[url] = createHash('sha256')
      .update(Buffer.from(await response.arrayBuffer()))
      .digest('hex');
  }
  return { documents: normalized(documents) as Record<string, unknown>, images };
}

const fileHash = (file: string) =>
  fs.existsSync(file) ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : null;

/** What the database holds, to prove a refused restore left a stopped CMS's database alone. */
async function databaseFingerprint(): Promise<string | null> {
  const database = cmsDatabase(cms.env);
  if (database.client === 'sqlite') return fileHash(database.file);
  return withPgServer(database, async (client) => {
    const { rows } = await client.query('select datname from pg_database order by datname');
    return JSON.stringify(rows);
  });
}

/**
 * Which database the CMS serves, and what is beside it. A running CMS writes its SQLite file on its
 * own (checkpoints, housekeeping), so its bytes prove nothing; a restore would have swapped the
 * file (another inode) or left a fresh or dated copy beside it.
 */
async function databaseIdentity(): Promise<string | null> {
  const database = cmsDatabase(cms.env);
  if (database.client !== 'sqlite') return databaseFingerprint();
  const beside = fs.readdirSync(path.dirname(database.file)).filter((name) => !/-(wal|shm|journal)$/.test(name));
  return JSON.stringify([fs.statSync(database.file).ino, beside.sort()]);
}

async function wipe() {
  const database = cmsDatabase(cms.env);
  if (database.client === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${database.file}${suffix}`, { force: true });
  } else {
    await withPgServer(database, (client) => client.query(`drop database ${quoteIdent(database.name)} with (force)`));
  }
  fs.rmSync(path.join(publicDir, 'uploads'), { recursive: true, force: true });
  fs.mkdirSync(path.join(publicDir, 'uploads'));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-test-'));
  publicDir = path.join(dir, 'public');
  fs.mkdirSync(path.join(publicDir, 'uploads'), { recursive: true });
  keyFile = path.join(dir, 'backup.key');
  fs.writeFileSync(keyFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
  backupFile = path.join(dir, 'backups', 'test.backup');
  cms = await startCms({ env: { PUBLIC_DIR: publicDir } });

  const edit = (action: string, locale: string, data?: Record<string, unknown>) => ({
    action,
    uid: ARTICLE,
    documentId: '$0',
    locale,
    data,
  });
  await runStrapiTask(cms.env, [
    {
      action: 'create',
      uid: ARTICLE,
      locale: 'en',
      data: { title: 'Backup: translated', slug: 'backup-translated', body: paragraph('English.') },
    },
    edit('publish', 'en'),
    edit('update', 'fa', {
      title: 'آزمون پشتیبان‌گیری',
      slug: PERSIAN_SLUG,
      body: paragraph('متن فارسی.'),
      translation: { reviewState: 'human-reviewed', translator: 'مترجم آزمون' },
    }),
    edit('publish', 'fa'),
    edit('update', 'fa', { title: 'آزمون پشتیبان‌گیری (ویرایش در پیش‌نویس)' }),
    {
      action: 'create',
      uid: ARTICLE,
      locale: 'en',
      data: { title: 'Backup: draft only', slug: 'backup-draft-only', body: paragraph('A draft.') },
    },
  ]);
  before = await snapshot();
}, 240_000);

afterAll(async () => {
  await cms?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('npm run backup and npm run restore', () => {
  it('snapshots what the test needs: drafts, a Persian slug with its review state, an uploaded image', () => {
    const text = JSON.stringify(before.documents);
    expect(text).toContain('backup-draft-only');
    expect(text).toContain(PERSIAN_SLUG);
    expect(text).toContain('human-reviewed');
    expect(text).toContain('ویرایش در پیش‌نویس');
    expect(JSON.stringify(before.documents['articles en published'])).not.toContain('backup-draft-only');
    expect(text).toContain('"localizations"');
    expect(text).toContain('"reviewState"');
    expect(text).toContain('"cover"');
    const statement = Object.entries(before.documents).filter(
      ([key, answer]) => key.startsWith('statement') && (answer as { status: number }).status === 200,
    );
    expect(statement.length).toBeGreaterThan(4);
    expect(Object.keys(before.images).length).toBeGreaterThan(0);
  });

  it('backs up while the CMS runs, into a file that is not readable as an archive', async () => {
    const { status, out } = await run('backup', ['--out', backupFile, '--key-file', keyFile]);
    expect(status, out).toBe(0);
    expect(out).toContain(`Backup written: ${backupFile}`);
    const bytes = fs.readFileSync(backupFile);
    expect(bytes.subarray(0, 7).toString('latin1')).toBe('STMTBAK');
    expect(bytes.includes(Buffer.from(PERSIAN_SLUG))).toBe(false);
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
  }, 120_000);

  it('refuses to restore while the CMS serves the database', async () => {
    const identity = await databaseIdentity();
    const { status, out } = await run('restore', [backupFile, '--key-file', keyFile, '--yes']);
    expect(status).toBe(1);
    expect(out).toMatch(/The CMS is running .* Stop it first/);
    expect(await databaseIdentity()).toBe(identity);
    expect((await snapshot()).documents).toEqual(before.documents);
  }, 60_000);

  it('refuses a wrong key, a flipped byte, a truncated file and a foreign file, leaving the database alone', async () => {
    await cms.service.stop();
    const fingerprint = await databaseFingerprint();
    const bytes = fs.readFileSync(backupFile);
    const variant = (name: string, content: Buffer) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    };
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 0x01;
    const wrongKey = variant('wrong.key', Buffer.from(randomBytes(32).toString('base64url')));

    const cases: [string, string[], RegExp][] = [
      ['wrong key', [backupFile, '--key-file', wrongKey], /made with a different backup key/],
      ['flipped byte', [variant('flipped.backup', flipped)], /is damaged: the part at bytes \d+–\d+ fails its integrity check/],
      ['truncated', [variant('cut.backup', bytes.subarray(0, Math.floor(bytes.length * 0.7)))], /is truncated/],
      ['not a backup', [variant('notes.txt', Buffer.from('hello, not a backup\n'))], /is not a backup made by `npm run backup`/],
    ];
    for (const [label, args, message] of cases) {
      const { status, out } = await run('restore', [
        ...args,
        ...(args.includes('--key-file') ? [] : ['--key-file', keyFile]),
        '--yes',
      ]);
      expect(status, label).toBe(1);
      expect(out, label).toMatch(message);
      expect(out, label).not.toMatch(/\n\s+at /);
      expect(await databaseFingerprint(), label).toBe(fingerprint);
    }
    const database = cmsDatabase(cms.env);
    if (database.client === 'sqlite') {
      expect(fs.readdirSync(path.dirname(database.file)).filter((name) => /restoring|before-restore/.test(name))).toEqual([]);
    }
    expect(fs.readdirSync(dir).filter((name) => /restoring|before-restore/.test(name))).toEqual([]);
  }, 120_000);

  it('restores a wiped CMS: every document, locale, draft and uploaded image identical', async () => {
    await wipe();
    const { status, out } = await run('restore', [backupFile, '--key-file', keyFile, '--yes']);
    expect(status, out).toBe(0);
    expect(out).toContain('Restored test.backup');
    await cms.restart();
    const after = await snapshot();
    expect(after.images).toEqual(before.images);
    expect(after.documents).toEqual(before.documents);
  }, 180_000);

  it('restores over an existing database, keeping it and its uploads as dated copies', async () => {
    await cms.service.stop();
    const { status, out } = await run('restore', [backupFile, '--key-file', keyFile, '--yes']);
    expect(status, out).toBe(0);
    const database = cmsDatabase(cms.env);
    const previous = /the previous one is kept as (.+)/.exec(out)?.[1];
    expect(previous, out).toBeTruthy();
    if (database.client === 'sqlite') {
      expect(fs.existsSync(previous!)).toBe(true);
      expect(fs.existsSync(database.file)).toBe(true);
    } else {
      const names = await withPgServer(database, async (client) =>
        (await client.query<{ datname: string }>('select datname from pg_database')).rows.map((row) => row.datname),
      );
      expect(names).toContain(database.name);
      expect(names.some((name) => previous!.includes(name) && name.includes('_before_restore_'))).toBe(true);
    }
    const uploads = /the previous ones are kept in (.+)/.exec(out)?.[1];
    expect(fs.readdirSync(uploads!).length).toBeGreaterThan(0);
  }, 120_000);
});
