import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupKey, backupName, backupsToDelete, databaseEnv, parseOptions, Refusal, stamp } from '../../scripts/lib/backup';

let dir: string;
let envFile: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-key-'));
  envFile = path.join(dir, '.env');
  delete process.env.BACKUP_KEY;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the backup key', () => {
  it('is generated once into the env file beside the other secrets, mode 600, then reused', () => {
    fs.writeFileSync(envFile, 'APP_KEYS=a,b', { mode: 0o644 });
    const first = backupKey({ create: true }, envFile);
    expect(first.created).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fs.readFileSync(envFile, 'utf8')).toBe(`APP_KEYS=a,b\nBACKUP_KEY=${first.created}\n`);
    expect(fs.statSync(envFile).mode & 0o777).toBe(0o600);
    const again = backupKey({ create: true }, envFile);
    expect(again.created).toBeUndefined();
    expect(again.key.equals(first.key)).toBe(true);
  });

  it('comes from --key-file, else BACKUP_KEY, before the env file; restore never generates one', () => {
    backupKey({ create: true }, envFile);
    const keyFile = path.join(dir, 'key');
    fs.writeFileSync(keyFile, `${'A'.repeat(43)}\n`);
    expect(backupKey({ keyFile, create: false }, envFile).source).toBe(keyFile);
    process.env.BACKUP_KEY = 'B'.repeat(43);
    expect(backupKey({ create: false }, envFile).source).toBe('BACKUP_KEY');
    delete process.env.BACKUP_KEY;
    expect(() => backupKey({ create: false }, path.join(dir, 'none'))).toThrow(Refusal);
    expect(() => backupKey({ keyFile: path.join(dir, 'missing'), create: true }, envFile)).toThrow(/No key file/);
    fs.writeFileSync(keyFile, 'not a key');
    expect(() => backupKey({ keyFile, create: false }, envFile)).toThrow(/is not a backup key/);
  });
});

describe('restore helpers', () => {
  it('points Strapi at another database of the same kind', () => {
    expect(databaseEnv({ client: 'sqlite', file: '/x/data.db', label: '' }, '/x/data.db.restoring')).toEqual({
      DATABASE_FILENAME: '/x/data.db.restoring',
    });
    const url = 'postgres://u:p%40ss@127.0.0.1:5432/site?sslmode=disable';
    expect(
      databaseEnv({ client: 'postgres', name: 'site', connection: { connectionString: url }, label: '' }, 'site_new'),
    ).toEqual({
      DATABASE_URL: 'postgres://u:p%40ss@127.0.0.1:5432/site_new?sslmode=disable',
    });
    expect(databaseEnv({ client: 'postgres', name: 'site', connection: { host: 'h' }, label: '' }, 'site_new')).toEqual({
      DATABASE_NAME: 'site_new',
    });
  });

  it('reads options and refuses unknown ones', () => {
    const known = { values: ['key-file'], flags: ['yes'] };
    expect(parseOptions(['f.backup', '--key-file', 'k', '--yes'], known)).toEqual({
      values: { 'key-file': 'k' },
      flags: new Set(['yes']),
      positional: ['f.backup'],
    });
    expect(parseOptions(['--key-file=k'], known).values).toEqual({ 'key-file': 'k' });
    expect(() => parseOptions(['--force'], known)).toThrow(/Unknown option --force/);
    expect(() => parseOptions(['--key-file'], known)).toThrow(/needs a value/);
    expect(stamp(new Date('2026-11-28T13:05:01.123Z'))).toBe('20261128T130501Z');
  });
});

describe('the retention rule (7 daily, 4 weekly, 12 monthly)', () => {
  const DAY = 86_400_000;
  const newest = Date.UTC(2026, 10, 28, 3, 15);
  const daily = Array.from({ length: 500 }, (_, i) => backupName(new Date(newest - i * DAY)));

  it('keeps the last 7 days, one per week for 4 weeks and one per month for 12 months', () => {
    const deleted = new Set(backupsToDelete([...daily, 'notes.txt', 'my-copy.backup']));
    const kept = daily.filter((name) => !deleted.has(name));
    expect(kept.slice(0, 7)).toEqual(daily.slice(0, 7));
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(kept.length).toBeGreaterThanOrEqual(12);
    const months = new Set(kept.map((name) => name.slice(7, 13)));
    expect(months.size).toBe(12);
    expect(kept.at(-1)! > backupName(new Date(newest - 366 * DAY))).toBe(true);
    expect(deleted.has('notes.txt') || deleted.has('my-copy.backup')).toBe(false);
  });

  it('keeps the newest of two backups on one day', () => {
    const morning = backupName(new Date(newest - 3600_000));
    expect(backupsToDelete([backupName(new Date(newest)), morning])).toEqual([morning]);
  });
});
