import { randomBytes } from 'node:crypto';
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCms, strapiBin } from '../../scripts/lib/cms';
import { CMS_DIR, ROOT } from '../../scripts/lib/repo-dirs';
import { freePort, spawnService, TSX, waitForUrl, type Service } from '../../scripts/lib/processes';
import { createDatabase, databaseServer, type CmsDatabase, type DatabaseServer } from './db';

export type RunningCms = {
  url: string;
  graphqlUrl: string;
  /** Its own database: a SQLite file, or a fresh database on the test project's PostgreSQL cluster. */
  database: CmsDatabase;
  /** The variables that make up this CMS; pass them to anything else that opens its database. */
  env: Record<string, string>;
  /** Runs `npm run seed` (the real seed script) against this CMS's database. */
  seed: () => string;
  service: Service;
  /** Starts the server again on the same database and port (after `service.stop()` or a kill). */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
};

const secret = () => randomBytes(24).toString('base64url');

/** Environment for a throw-away CMS: its own database (see createDatabase), port and secrets, production mode. */
export function cmsEnv(databaseEnv: Record<string, string>, port: number): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    ...databaseEnv,
    SERVE_ADMIN_PANEL: 'false',
    STRAPI_TELEMETRY_DISABLED: 'true',

    STRAPI_LOG_LEVEL: 'warn',
    APP_KEYS: [secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    SITE_URL: process.env.SITE_URL ?? 'http://127.0.0.1:9',
    REVALIDATE_SECRET: process.env.REVALIDATE_SECRET ?? secret(),
    PREVIEW_SECRET: process.env.PREVIEW_SECRET ?? secret(),
    PREVIEW_API_TOKEN: process.env.PREVIEW_API_TOKEN ?? secret(),
  };
}

/** Runs the real seed script (`npm run seed`) against the database named by env. */
export function runSeed(env: NodeJS.ProcessEnv): string {
  const result = spawnSync(process.execPath, [TSX, 'scripts/seed.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true', ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`seed failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const taskCommand = (task: Record<string, unknown> | Record<string, unknown>[]) =>
  [process.execPath, [TSX, 'tests/helpers/strapi-task.ts', JSON.stringify(task)]] as const;
const taskEnv = (env: NodeJS.ProcessEnv) => ({ ...process.env, NODE_ENV: 'production', STRAPI_LOG_LEVEL: 'error', ...env });

function taskResult<T>(status: number | null, stdout: string, stderr: string): T {
  const line = stdout.split('\n').find((text) => text.startsWith('RESULT '));
  if (status !== 0 || !line) throw new Error(`strapi task failed:\n${stdout}\n${stderr}`);
  return JSON.parse(line.slice('RESULT '.length));
}

/**
 * Performs one editor action (create, update, publish, ...), or several in order, through Strapi's
 * Document Service, in a process of its own. Without blocking this process: a test that keeps HTTP
 * connections to a server open needs its event loop running meanwhile, or its client reuses a
 * connection the server closed.
 */
export function runStrapiTask<T = any>(
  env: NodeJS.ProcessEnv,
  task: Record<string, unknown> | Record<string, unknown>[],
): Promise<T> {
  const [command, args] = taskCommand(task);
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: ROOT, env: taskEnv(env), encoding: 'utf8', maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      try {
        resolve(taskResult<T>(error ? ((error.code as number | undefined) ?? 1) : 0, stdout, stderr));
      } catch (failure) {
        reject(failure);
      }
    });
  });
}

/**
 * Starts a real Strapi on a free port and a database of its own, seeded unless told otherwise: a
 * temporary SQLite file, or a fresh database on the test project's PostgreSQL cluster (`server`,
 * by default the one the project's global setup provides).
 */
export async function startCms(
  options: { seed?: boolean; env?: Record<string, string>; server?: DatabaseServer } = {},
): Promise<RunningCms> {
  buildCms('server');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-test-'));
  const { database, env: databaseEnv, drop } = createDatabase(options.server ?? databaseServer(), dir);
  const port = await freePort();
  const env = { ...cmsEnv(databaseEnv, port), ...options.env };

  const seed = () => runSeed(env);
  if (options.seed !== false) seed();

  const url = `http://127.0.0.1:${port}`;
  const launch = async () => {
    const service = spawnService(process.execPath, [strapiBin(), 'start'], { cwd: CMS_DIR, env: { ...process.env, ...env } });
    try {
      await waitForUrl(`${url}/_health`, (status) => status === 204, 90_000, service.alive);
    } catch (error) {
      await service.stop();
      throw new Error(`${(error as Error).message}\n${service.output()}`);
    }
    return service;
  };

  const running: RunningCms = {
    url,
    graphqlUrl: `${url}/graphql`,
    database,
    env,
    seed,
    service: await launch(),
    restart: async () => {
      await running.service.stop();
      running.service = await launch();
    },
    stop: async () => {
      await running.service.stop();
      drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return running;
}

export async function graphql<T = any>(
  cms: Pick<RunningCms, 'graphqlUrl'>,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const response = await fetch(cms.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}
