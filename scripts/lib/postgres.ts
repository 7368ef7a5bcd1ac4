import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assertPortFree } from './net';
import { spawnService, type Service } from './processes';

/**
 * A private PostgreSQL cluster (Debian's `postgresql` server binaries): its own data folder, on
 * loopback and a port of ours, password authentication, one superuser. Used by
 * `npm run start:production`, the PostgreSQL run of the integration suite and backups.
 * As root (CI), the server runs as Debian's `postgres` user: PostgreSQL refuses to run as root.
 */
export type Postgres = {
  port: number;
  user: string;
  password: string;
  /** `postgres://user:password@127.0.0.1:port/database` */
  url: (database: string) => string;
  /** Creates an empty database (no-op if it exists). */
  createDatabase: (name: string) => void;
  dropDatabase: (name: string) => void;
  /** Runs SQL on a database and returns each row as a JSON object. */
  query: <T = Record<string, unknown>>(database: string, sql: string) => T[];
  service: Service;
  stop: () => Promise<void>;
};

const SUPERUSER = 'strapi';

/** The folder holding initdb, postgres, psql... of the newest installed server, or null. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((version) => fs.existsSync(path.join(root, version, 'bin/postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

const asRoot = () => process.getuid?.() === 0;

/** The command line that runs `binary` as the cluster's owner (Debian's `postgres` user under root). */
function asOwner(binary: string, args: string[]): [string, string[]] {
  return asRoot() ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

function run(binary: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const [command, commandArgs] = asOwner(binary, args);
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    throw new Error(
      `${path.basename(binary)} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Starts (creating on first use) the cluster in `dataDir`, listening on 127.0.0.1:`port` only.
 * The superuser's password is generated once and kept in `dataDir/../postgres.password` (mode 600).
 */
export async function startPostgres(options: { dataDir: string; port: number; echo?: string }): Promise<Postgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries not found (Debian package `postgresql`).');
  const dataDir = path.resolve(options.dataDir);
  const passwordFile = `${dataDir}.password`;
  const socketDir = `${dataDir}.socket`;

  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  // Under root the server runs as `postgres`, which must be able to reach its folder (a temporary
  // folder is private to its creator): let others through the parent, without listing it.
  if (asRoot()) fs.chmodSync(path.dirname(dataDir), fs.statSync(path.dirname(dataDir)).mode | 0o011);
  if (!fs.existsSync(passwordFile)) fs.writeFileSync(passwordFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
  const password = fs.readFileSync(passwordFile, 'utf8').trim();

  fs.mkdirSync(socketDir, { recursive: true });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const pwfile = path.join(dataDir, '..', `.pwfile-${process.pid}`);
    fs.writeFileSync(pwfile, password, { mode: 0o600 });
    if (asRoot()) for (const owned of [dataDir, pwfile]) spawnSync('chown', ['postgres:postgres', owned]);
    try {
      run(path.join(bin, 'initdb'), [
        '-D',
        dataDir,
        '-U',
        SUPERUSER,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
      ]);
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }
  if (asRoot()) spawnSync('chown', ['postgres:postgres', socketDir]);

  await assertPortFree(options.port, 'PostgreSQL');
  const [command, args] = asOwner(path.join(bin, 'postgres'), [
    '-D',
    dataDir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-p',
    String(options.port),
    '-k',
    socketDir,
    '-c',
    'fsync=on',
  ]);
  // SIGINT is PostgreSQL's fast shutdown; SIGTERM would wait for every client to leave.
  const service = spawnService(command, args, { cwd: dataDir, env: process.env, echo: options.echo, stopSignal: 'SIGINT' });

  const env = { PGPASSWORD: password };
  const psql = (database: string, sql: string) =>
    run(
      path.join(bin, 'psql'),
      ['-h', '127.0.0.1', '-p', String(options.port), '-U', SUPERUSER, '-d', database, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql],
      env,
    );

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!service.alive()) throw new Error(`PostgreSQL did not start:\n${service.output()}`);
    const ready = spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(options.port)]);
    if (ready.status === 0) break;
    if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections in 60 s:\n${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const exists = (name: string) =>
    psql('postgres', `select 1 from pg_database where datname = '${name.replace(/'/g, "''")}'`).trim() === '1';

  return {
    port: options.port,
    user: SUPERUSER,
    password,
    url: (database) =>
      `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`,
    createDatabase: (name) => {
      if (!exists(name)) psql('postgres', `create database ${quoteIdent(name)}`);
    },
    dropDatabase: (name) => {
      psql('postgres', `drop database if exists ${quoteIdent(name)} with (force)`);
    },
    query: <T>(database: string, sql: string) => {
      const out = psql(database, `select coalesce(json_agg(row_to_json(q)), '[]') from (${sql}) q`);
      return JSON.parse(out) as T[];
    },
    service,
    stop: () => service.stop(),
  };
}
