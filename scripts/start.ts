import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { buildCms, strapiBin } from './lib/cms';
import { runtimeConfig } from './lib/config';
import { CMS_DIR, ROOT, WEB_DIR } from './lib/paths';
import { ensureSecrets } from './lib/secrets';
import { isWebBuilt, markWebBuilt } from './lib/web';

/**
 * `npm start`: secrets on first run, builds what changed, seeds on first run, then serves the CMS and
 * the site in production mode until Ctrl-C, which stops both.
 */
const config = runtimeConfig();
const quiet = { STRAPI_TELEMETRY_DISABLED: 'true', NEXT_TELEMETRY_DISABLED: '1' };
const steps = 5;
const step = (n: number, text: string) => console.log(`\n[${n}/${steps}] ${text}`);
const tsx = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const children: ChildProcess[] = [];
let stopping = false;

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, ...quiet, ...env } });
  if (result.status !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${result.status})`);
}

function serve(name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...quiet, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${name}] ${line}\n`)
      .join('');
  child.stdout.on('data', (chunk) => process.stdout.write(prefix(chunk)));
  child.stderr.on('data', (chunk) => process.stderr.write(prefix(chunk)));
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`\n${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping everything.`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited`);
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${url} did not come up within ${timeoutMs / 1000} s`);
}

/** Whether the CMS has an admin account (its admin panel asks the same at /admin/init). */
async function hasAdmin(cmsPort: number): Promise<boolean | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${cmsPort}/admin/init`, { signal: AbortSignal.timeout(5000) });
    const body = (await response.json()) as { data?: { hasAdmin?: boolean } };
    return body.data?.hasAdmin;
  } catch {
    return undefined;
  }
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the site and the CMS…');
  await Promise.all(
    children
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map(
        (child) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => (clearTimeout(timer), resolve()));
            child.kill('SIGTERM');
          }),
      ),
  );
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  step(1, 'Secrets');
  const { created } = ensureSecrets();
  console.log(created.length ? `  generated ${created.length} secrets into cms/.env and web/.env (mode 600)` : '  present');

  step(2, 'CMS build');
  if (!buildCms('full')) console.log('  up to date');

  step(3, 'Seed content (first run only)');
  run(process.execPath, [tsx, 'scripts/seed.ts', '--first-run'], ROOT, { STRAPI_LOG_LEVEL: 'error' });

  step(4, `CMS on http://${config.cmsHost}:${config.cmsPort}`);
  const cms = serve('cms', process.execPath, [strapiBin(), 'start'], CMS_DIR, {
    NODE_ENV: 'production',
    HOST: config.cmsHost,
    PORT: String(config.cmsPort),
    SITE_URL: config.siteUrl,
  });
  await waitUntilUp(`http://127.0.0.1:${config.cmsPort}/_health`, cms, 120_000);

  const webEnv = { CMS_URL: config.cmsUrl, SITE_URL: config.siteUrl };
  step(5, `Site on http://${config.webHost}:${config.webPort}`);
  if (isWebBuilt()) console.log('  build up to date');
  else {
    console.log('  building the site (first run: about a minute)…');
    run('npm', ['run', 'build', '--workspace', 'web'], ROOT, { ...webEnv, NODE_ENV: 'production' });
    markWebBuilt();
  }
  const web = serve('web', process.execPath, ['server.mjs', '-H', config.webHost, '-p', String(config.webPort)], WEB_DIR, {
    ...webEnv,
    NODE_ENV: 'production',
  });
  await waitUntilUp(`http://127.0.0.1:${config.webPort}/`, web, 60_000);

  const admin = {
    true: 'Sign in to the admin panel with your admin account.',
    false: 'No admin account exists until you create one (see README, "The first admin").',
    undefined: 'See README, "The first admin", if you have no admin account yet.',
  }[String(await hasAdmin(config.cmsPort)) as 'true' | 'false' | 'undefined'];
  console.log(`
Ready.
  Site      ${config.siteUrl}
  CMS admin http://localhost:${config.cmsPort}/admin
  GraphQL   http://localhost:${config.cmsPort}/graphql
${admin}
Press Ctrl-C to stop both.`);
} catch (error) {
  console.error(`\nStart failed: ${(error as Error).message}`);
  await shutdown(1);
}
