import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BackupKeyError, newBackupKey, parseBackupKey } from './backup-crypto';
import { CMS_DIR, CMS_ENV_FILE } from './repo-dirs';
import { parseEnv } from './secrets';

/** What `npm run backup` and `npm run restore` share: the CMS's settings, the key, the database. */

export const BACKUPS_DIR = path.join(CMS_DIR, '.backups');
/** Where an unencrypted export lives while it is made or restored: beside the SQLite database. */
export const WORK_DIR = path.join(CMS_DIR, '.tmp');

/** A refusal the operator can act on: printed as is, exit 1, no stack trace. */
export class Refusal extends Error {}

/** The CMS's settings as Strapi sees them: cms/.env, overridden by the environment. */
export function cmsSettings(env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const file = fs.existsSync(CMS_ENV_FILE) ? parseEnv(fs.readFileSync(CMS_ENV_FILE, 'utf8')) : {};
  return { ...file, ...env };
}

/** `--name value` and `--flag` options plus positional arguments; unknown options are refused. */
export function parseOptions(argv: string[], known: { values: string[]; flags: string[] }) {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s) : [undefined, undefined];
    if (name === undefined) positional.push(arg);
    else if (known.flags.includes(name)) flags.add(name);
    else if (known.values.includes(name)) {
      const value = inline ?? argv[++i];
      if (!value) throw new Refusal(`--${name} needs a value.`);
      values[name] = value;
    } else throw new Refusal(`Unknown option ${arg}.`);
  }
  return { values, flags, positional };
}

export type BackupKey = { key: Buffer; source: string; created?: string };

/**
 * The backup key: from --key-file, else BACKUP_KEY (environment, then cms/.env). With `create`, a
 * missing key is generated and appended to cms/.env (mode 600); the caller prints it once.
 */
export function backupKey(options: { keyFile?: string; create: boolean }): BackupKey {
  try {
    if (options.keyFile) {
      if (!fs.existsSync(options.keyFile)) throw new Refusal(`No key file ${options.keyFile}.`);
      return {
        key: parseBackupKey(fs.readFileSync(options.keyFile, 'utf8'), `The key file ${options.keyFile}`),
        source: options.keyFile,
      };
    }
    if (process.env.BACKUP_KEY) return { key: parseBackupKey(process.env.BACKUP_KEY, 'BACKUP_KEY'), source: 'BACKUP_KEY' };
    const saved = cmsSettings({}).BACKUP_KEY;
    if (saved) return { key: parseBackupKey(saved, 'BACKUP_KEY in cms/.env'), source: 'cms/.env' };
  } catch (error) {
    if (error instanceof BackupKeyError) throw new Refusal(error.message);
    throw error;
  }
  if (!options.create) {
    throw new Refusal(
      'No backup key: cms/.env has no BACKUP_KEY. Give the key the backup was made with: --key-file FILE, or BACKUP_KEY=... in the environment.',
    );
  }
  const created = newBackupKey();
  const existing = fs.existsSync(CMS_ENV_FILE) ? fs.readFileSync(CMS_ENV_FILE, 'utf8') : '';
  const separator = existing && !existing.endsWith('\n') ? '\n' : '';
  fs.writeFileSync(CMS_ENV_FILE, `${existing}${separator}BACKUP_KEY=${created}\n`, { mode: 0o600 });
  fs.chmodSync(CMS_ENV_FILE, 0o600);
  return { key: parseBackupKey(created, 'the new key'), source: 'cms/.env', created };
}

export type Database =
  | { client: 'sqlite'; file: string; label: string }
  | { client: 'postgres'; name: string; connection: PgConnection; label: string };

type PgConnection = {
  connectionString?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
};

/** The database the CMS uses, read the way cms/config/database.ts reads it. */
export function cmsDatabase(settings = cmsSettings()): Database {
  const client = settings.DATABASE_CLIENT ?? 'sqlite';
  if (client === 'sqlite') {
    const file = path.resolve(CMS_DIR, settings.DATABASE_FILENAME ?? '.tmp/data.db');
    return { client, file, label: file };
  }
  if (client !== 'postgres') throw new Refusal(`DATABASE_CLIENT must be "sqlite" or "postgres", not "${client}".`);
  const url = settings.DATABASE_URL;
  const name = url ? decodeURIComponent(new URL(url).pathname.slice(1)) : (settings.DATABASE_NAME ?? 'strapi');
  const connection: PgConnection = url
    ? { connectionString: url }
    : {
        host: settings.DATABASE_HOST ?? 'localhost',
        port: Number(settings.DATABASE_PORT ?? 5432),
        user: settings.DATABASE_USERNAME ?? 'strapi',
        password: settings.DATABASE_PASSWORD ?? '',
      };
  return { client, name, connection, label: `PostgreSQL database "${name}"` };
}

/** The environment that points Strapi at another database of the same kind (same server). */
export function databaseEnv(database: Database, other: string): Record<string, string> {
  if (database.client === 'sqlite') return { DATABASE_FILENAME: other };
  if (!database.connection.connectionString) return { DATABASE_NAME: other };
  const url = new URL(database.connection.connectionString);
  url.pathname = `/${encodeURIComponent(other)}`;
  return { DATABASE_URL: url.toString() };
}

/** The public folder whose uploads/ the CMS serves (PUBLIC_DIR, as in cms/config/server.ts). */
export const cmsPublicDir = (settings = cmsSettings()) => path.resolve(CMS_DIR, settings.PUBLIC_DIR ?? './public');

type PgClient = {
  connect: () => Promise<void>;
  query: <T = Record<string, unknown>>(sql: string, values?: unknown[]) => Promise<{ rows: T[] }>;
  end: () => Promise<void>;
};

/** Runs `work` with a connection to the server's maintenance database (to create, rename, drop). */
export async function withPgServer<T>(
  database: Extract<Database, { client: 'postgres' }>,
  work: (client: PgClient) => Promise<T>,
) {
  const { Client } = createRequire(path.join(CMS_DIR, 'package.json'))('pg') as { Client: new (config: object) => PgClient };
  const connection = database.connection.connectionString
    ? { connectionString: databaseEnv(database, 'postgres').DATABASE_URL }
    : { ...database.connection, database: 'postgres' };
  const client = new Client(connection);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The CMS's health URL if it answers on its port (PORT as Strapi reads it, else CMS_PORT, else 1337). */
export async function servingCms(settings = cmsSettings()): Promise<string | null> {
  const url = `http://127.0.0.1:${settings.PORT ?? settings.CMS_PORT ?? 1337}/_health`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status === 204 ? url : null;
  } catch {
    return null;
  }
}

/** Processes (pids) that hold a file open, from /proc (Linux); empty where /proc is not readable. */
export function processesUsing(file: string): number[] {
  const users: number[] = [];
  let entries: string[] = [];
  try {
    entries = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return users;
  }
  for (const pid of entries) {
    if (Number(pid) === process.pid) continue;
    try {
      for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
        if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === file) {
          users.push(Number(pid));
          break;
        }
      }
    } catch {
      /* gone, or not ours */
    }
  }
  return users;
}

/** A UTC timestamp for file and database names: 20261128T130501Z. */
export const stamp = (date = new Date()) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
