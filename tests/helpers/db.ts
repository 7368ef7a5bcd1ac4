import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inject } from 'vitest';
import { postgresBinDir } from '../../scripts/lib/postgres';

/**
 * Where test CMSes keep their data: each its own SQLite file (the default), or each its own database
 * on one private PostgreSQL cluster (the `integration-postgres` project, tests/helpers/setup-postgres.ts).
 */
export type DatabaseServer = { client: 'sqlite' } | { client: 'postgres'; port: number; user: string; password: string };

/** One test CMS's database, as the tests read it. */
export type CmsDatabase =
  | { client: 'sqlite'; file: string }
  | { client: 'postgres'; name: string; server: Extract<DatabaseServer, { client: 'postgres' }> };

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by the PostgreSQL project's global setup; SQLite when absent. */
    cmsDatabaseServer?: DatabaseServer;
  }
}

/**
 * The server of this test project. Inside a test file it comes from the project's global setup;
 * a global setup (outside any test worker) passes its own to startCms and gets SQLite here.
 */
export function databaseServer(): DatabaseServer {
  if (!('__vitest_worker__' in globalThis)) return { client: 'sqlite' };
  return inject('cmsDatabaseServer') ?? { client: 'sqlite' };
}

/** A new, empty database for one CMS (in `dir` for SQLite), the variables that point Strapi at it, and its removal. */
export function createDatabase(
  server: DatabaseServer,
  dir: string,
): { database: CmsDatabase; env: Record<string, string>; drop: () => void } {
  if (server.client === 'sqlite') {
    const file = path.join(dir, 'data.db');
    return { database: { client: 'sqlite', file }, env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file }, drop: () => {} };
  }
  const name = `cms_test_${randomBytes(6).toString('hex')}`;
  psql(server, 'postgres', `create database ${name}`);
  const url = `postgres://${server.user}:${encodeURIComponent(server.password)}@127.0.0.1:${server.port}/${name}`;
  return {
    database: { client: 'postgres', name, server },
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url },
    drop: () => psql(server, 'postgres', `drop database if exists ${name} with (force)`),
  };
}

type Row = Record<string, any>;

/**
 * Reads a test CMS's database directly (what the API must not reveal, what a seed must not change).
 * `?` marks each parameter. Rows come as JSON on PostgreSQL: counts are numbers, booleans true or
 * false (SQLite: 1 or 0), JSON columns objects (SQLite: text; see `json`).
 */
export function queryDb<T = Row>(database: CmsDatabase, sql: string, ...params: unknown[]): T[] {
  if (database.client === 'sqlite') {
    const db = openSqlite(database.file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }
  const out = psql(database.server, database.name, `select coalesce(json_agg(row_to_json(q)), '[]') from (${sql}) q`, params);
  return JSON.parse(out) as T[];
}

/** A JSON column's value, whether the driver gave text (SQLite) or the parsed value (PostgreSQL's jsonb). */
export const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

/**
 * Runs one write in a transaction that is always rolled back, to see whether the database itself
 * accepts it: returns if it does, throws the database's own error if it refuses.
 */
export function tryWrite(database: CmsDatabase, sql: string, ...params: unknown[]): void {
  if (database.client === 'sqlite') {
    const db = openSqlite(database.file, { fileMustExist: true, timeout: 10_000 });
    try {
      db.exec('BEGIN');
      db.prepare(sql).run(...params);
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
    }
    return;
  }
  psql(database.server, database.name, `begin;\n${sql};\nrollback`, params);
}

function openSqlite(file: string, options: Record<string, unknown>) {
  const BetterSqlite3 = createRequire(path.resolve(import.meta.dirname, '../../cms/package.json'))('better-sqlite3');
  return new BetterSqlite3(file, options);
}

/** Runs SQL through Debian's psql (synchronously, as the tests read); `?` become psql variables, quoted as literals. */
function psql(server: Extract<DatabaseServer, { client: 'postgres' }>, database: string, sql: string, params: unknown[] = []) {
  const bin = postgresBinDir();
  if (!bin) throw new Error('psql not found (Debian package `postgresql`)');
  let n = 0;
  const text = sql.replace(/\?/g, () => `:'p${++n}'`);
  if (n !== params.length) throw new Error(`${n} placeholders for ${params.length} parameters in: ${sql}`);
  const variables = params.flatMap((value, i) => ['-v', `p${i + 1}=${String(value)}`]);
  const result = spawnSync(
    path.join(bin, 'psql'),
    [
      '-X',
      '-q',
      '-At',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      '127.0.0.1',
      '-p',
      String(server.port),
      '-U',
      server.user,
      '-d',
      database,
      ...variables,
    ],
    { input: text, encoding: 'utf8', env: { ...process.env, PGPASSWORD: server.password } },
  );
  if (result.status !== 0) throw new Error(`psql failed (exit ${result.status}): ${result.stderr.trim()}\n${sql}`);
  return result.stdout;
}
