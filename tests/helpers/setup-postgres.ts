import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPostgres, type Postgres } from '../../scripts/lib/postgres';
import { freePort } from '../../scripts/lib/processes';
import { engines, ensureEngine } from '../../scripts/lib/system-packages';

let postgres: Postgres | undefined;
let dir = '';

/**
 * The `integration-postgres` project: one private PostgreSQL cluster (Debian's server, a temporary
 * data folder, loopback and a free port) for the whole run. Every CMS the tests start gets a fresh
 * database on it (startCms); the cluster and its folder are removed at the end.
 */
export async function setup(project: TestProject) {
  ensureEngine(engines.postgresql);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-tests-'));
  // Run as root, the server is Debian's `postgres` user, which must reach its data folder in here.
  fs.chmodSync(dir, 0o755);
  postgres = await startPostgres({ dataDir: path.join(dir, 'data'), port: await freePort() });
  console.log(
    `integration-postgres: every test CMS on its own database of a private PostgreSQL cluster (127.0.0.1:${postgres.port})`,
  );
  project.provide('cmsDatabaseServer', {
    client: 'postgres',
    port: postgres.port,
    user: postgres.user,
    password: postgres.password,
  });
}

export async function teardown() {
  await postgres?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
