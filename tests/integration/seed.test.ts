import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runSeed } from '../helpers/cms';
import { readDb } from '../helpers/db';

const dbFile = inject('cmsDbFile');
const env = inject('cmsEnv');

/** Every row of the content tables, with timestamps: what a second seed must leave untouched. */
const snapshot = (file: string) =>
  readDb(file, (db) =>
    Object.fromEntries(
      ['articles', 'statements', 'components_shared_seos', 'components_shared_translations', 'articles_cmps', 'statements_cmps'].map(
        (table) => [table, db.prepare(`select * from ${table} order by id`).all()],
      ),
    ),
  );

describe('the seed', () => {
  it('is idempotent: a second run changes and duplicates nothing', () => {
    const before = snapshot(dbFile);
    expect(before.articles?.length).toBeGreaterThan(0);
    const output = runSeed(env);
    expect(output).toMatch(/created 0,/);
    expect(snapshot(dbFile)).toEqual(before);
  }, 60_000);
});

describe('the first admin', () => {
  it('is created from ADMIN_EMAIL and ADMIN_PASSWORD, once, with a hashed password', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-'));
    const file = path.join(dir, 'data.db');
    const adminEnv = {
      ...env,
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: file,
      ADMIN_EMAIL: 'Editor@Example.org',
      ADMIN_PASSWORD: 'A-long-test-passphrase-42',
    };
    runSeed(adminEnv);
    runSeed(adminEnv);
    const admins = readDb(file, (db) => db.prepare('select email, password, is_active from admin_users').all());
    expect(admins).toHaveLength(1);
    expect(admins[0].email).toBe('editor@example.org');
    expect(admins[0].password).toMatch(/^\$2[aby]\$/);
    expect(admins[0].password).not.toContain(adminEnv.ADMIN_PASSWORD);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 90_000);
});
