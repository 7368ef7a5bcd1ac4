import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
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
export function cmsSettings(env: NodeJS.ProcessEnv = process.env, envFile = CMS_ENV_FILE): Record<string, string | undefined> {
  const file = fs.existsSync(envFile) ? parseEnv(fs.readFileSync(envFile, 'utf8')) : {};
  return { ...file, ...env };
}

/** `--name value` and `--flag` options plus positional arguments (node's parseArgs); unknown options are refused. */
export function parseOptions(argv: string[], known: { values: string[]; flags: string[] }) {
  const options = Object.fromEntries([
    ...known.values.map((name) => [name, { type: 'string' as const }]),
    ...known.flags.map((name) => [name, { type: 'boolean' as const }]),
  ]);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const option = /'(--?[^'\s]+)/.exec((error as Error).message)?.[1] ?? '';
    if ((error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new Refusal(`Unknown option ${option}.`);
    if (known.flags.includes(option.replace(/^--/, ''))) throw new Refusal(`${option} takes no value.`);
    throw new Refusal(`${option || 'An option'} needs a value.`);
  }
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value === 'boolean') flags.add(name);
    else if (!value) throw new Refusal(`--${name} needs a value.`);
    else values[name] = value as string;
  }
  return { values, flags, positional: parsed.positionals };
}

export type BackupKey = { key: Buffer; source: string; created?: string };

/**
 * The backup key: from --key-file, else BACKUP_KEY (environment, then cms/.env). With `create`, a
 * missing key is generated and appended to cms/.env (mode 600); the caller prints it once.
 */
export function backupKey(options: { keyFile?: string; create: boolean }, envFile = CMS_ENV_FILE): BackupKey {
  try {
    if (options.keyFile) {
      if (!fs.existsSync(options.keyFile)) throw new Refusal(`No key file ${options.keyFile}.`);
      return {
        key: parseBackupKey(fs.readFileSync(options.keyFile, 'utf8'), `The key file ${options.keyFile}`),
        source: options.keyFile,
      };
    }
    if (process.env.BACKUP_KEY) return { key: parseBackupKey(process.env.BACKUP_KEY, 'BACKUP_KEY'), source: 'BACKUP_KEY' };
    const saved = cmsSettings({}, envFile).BACKUP_KEY;
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
  const existing = fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8') : '';
  const separator = existing && !existing.endsWith('\n') ? '\n' : '';
  fs.writeFileSync(envFile, `${existing}${separator}BACKUP_KEY=${created}\n`, { mode: 0o600 });
  fs.chmodSync(envFile, 0o600);
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

/** The name `npm run backup` gives a backup by default, and the time it carries. */
export const backupName = (date: Date) => `backup-${stamp(date)}.backup`;
const NAME = /^backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.backup$/;

export const RETENTION = { daily: 7, weekly: 4, monthly: 12 };

/**
 * Which backups a retention rule keeps: the newest of each of the last `daily` days, `weekly` ISO
 * weeks and `monthly` months that have one (UTC), counted from the newest backup. Names that are not
 * backup-<time>.backup are never returned for deletion.
 */
export function backupsToDelete(names: string[], keep = RETENTION): string[] {
  const dated = names
    .map((name) => {
      const match = NAME.exec(name);
      return match ? { name, time: Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!) } : null;
    })
    .filter((entry): entry is { name: string; time: number } => entry !== null)
    .sort((a, b) => b.time - a.time);
  const isoWeek = (time: number) => {
    const date = new Date(time);
    const thursday = new Date(
      Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7)),
    );
    const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
    return `${thursday.getUTCFullYear()}-W${Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7)}`;
  };
  const periods: [number, (time: number) => string][] = [
    [keep.daily, (time) => new Date(time).toISOString().slice(0, 10)],
    [keep.weekly, isoWeek],
    [keep.monthly, (time) => new Date(time).toISOString().slice(0, 7)],
  ];
  const kept = new Set<string>();
  for (const [count, period] of periods) {
    const seen = new Set<string>();
    for (const { name, time } of dated) {
      const key = period(time);
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      kept.add(name);
    }
  }
  return dated.filter(({ name }) => !kept.has(name)).map(({ name }) => name);
}

const onInterrupt = new Set<() => void>();
let trapped = false;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function undoAll() {
  for (const undo of onInterrupt) {
    try {
      undo();
    } catch {
      /* keep undoing the rest */
    }
  }
}

/**
 * A private working folder for the unencrypted export, removed by `done()`, on Ctrl-C, SIGTERM or a
 * crash (with anything registered through `alsoOnInterrupt`), and, if a run was killed outright, by
 * the next run (the folder's name carries its process id).
 */
export function workFolder(prefix: 'backup' | 'restore') {
  fs.mkdirSync(WORK_DIR, { recursive: true });
  for (const name of fs.readdirSync(WORK_DIR)) {
    const pid = /^(?:backup|restore)-(\d+)-/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) fs.rmSync(path.join(WORK_DIR, name), { recursive: true, force: true });
  }
  const dir = fs.mkdtempSync(path.join(WORK_DIR, `${prefix}-${process.pid}-`));
  fs.chmodSync(dir, 0o700);
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  onInterrupt.add(remove);
  if (!trapped) {
    trapped = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        undoAll();
        console.error(
          `\nInterrupted (${signal}): ${prefix === 'restore' ? 'nothing was changed; ' : ''}its temporary files are removed.`,
        );
        process.exit(130);
      });
    }
    // Strapi's file provider throws write errors (a full disk) from an event handler.
    process.once('uncaughtException', (error) => {
      undoAll();
      console.error(`${prefix === 'restore' ? 'Restore' : 'Backup'} failed: ${error.message}`);
      process.exit(1);
    });
  }
  return {
    dir,
    done: () => {
      onInterrupt.delete(remove);
      remove();
    },
  };
}

/** Registers an undo for Ctrl-C (until the returned function is called). */
export function alsoOnInterrupt(undo: () => void) {
  onInterrupt.add(undo);
  return () => onInterrupt.delete(undo);
}
