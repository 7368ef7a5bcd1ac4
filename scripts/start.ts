import { adminHint, buildCms, strapiBin } from './lib/cms';
import { runtimeConfig } from './lib/config';
import { CMS_DIR, ROOT, WEB_DIR } from './lib/repo-dirs';
import { spawnService, stopAllServices, stopServicesOnExit, TSX, waitForUrl, type Service } from './lib/processes';
import { ensureSecrets } from './lib/secrets';
import { runOrThrow } from './lib/run';
import { buildWebIfChanged } from './lib/web-build';

/**
 * `npm start`: secrets on first run, builds what changed, seeds on first run, then serves the CMS and
 * the site in production mode until Ctrl-C, which stops both.
 */
const config = runtimeConfig();
const quiet = { STRAPI_TELEMETRY_DISABLED: 'true', NEXT_TELEMETRY_DISABLED: '1' };
const steps = 5;
const step = (n: number, text: string) => console.log(`\n[${n}/${steps}] ${text}`);
let stopping = false;

const run = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  runOrThrow(command, args, cwd, { ...quiet, ...env });

/** A server whose output is shown prefixed with its name; if it dies, everything stops. */
function serve(name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Service {
  const service = spawnService(command, args, { cwd, env: { ...process.env, ...quiet, ...env }, echo: name });
  service.child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`\n${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping everything.`);
      void shutdown(1);
    }
  });
  return service;
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the site and the CMS…');
  await stopAllServices();
  process.exit(code);
}

stopServicesOnExit(() => void shutdown(0));

try {
  step(1, 'Secrets');
  const { created } = ensureSecrets();
  console.log(created.length ? `  generated ${created.length} secrets into cms/.env and web/.env (mode 600)` : '  present');

  step(2, 'CMS build');
  if (!buildCms('full')) console.log('  up to date');

  step(3, 'Seed content (first run only)');
  run(process.execPath, [TSX, 'scripts/seed.ts', '--first-run'], ROOT, { STRAPI_LOG_LEVEL: 'error' });

  step(4, `CMS on http://${config.cmsHost}:${config.cmsPort}`);
  const cms = serve('cms', process.execPath, [strapiBin(), 'start'], CMS_DIR, {
    NODE_ENV: 'production',
    HOST: config.cmsHost,
    PORT: String(config.cmsPort),
    SITE_URL: config.siteUrl,
  });
  await waitForUrl(`http://127.0.0.1:${config.cmsPort}/_health`, (status) => status === 204, 120_000, cms.alive);

  const webEnv = { CMS_URL: config.cmsUrl, SITE_URL: config.siteUrl };
  step(5, `Site on http://${config.webHost}:${config.webPort}`);
  buildWebIfChanged({ ...quiet, ...webEnv });
  const web = serve('web', process.execPath, ['server.mjs', '-H', config.webHost, '-p', String(config.webPort)], WEB_DIR, {
    ...webEnv,
    NODE_ENV: 'production',
  });
  await waitForUrl(`http://127.0.0.1:${config.webPort}/`, (status) => status < 500, 60_000, web.alive);

  const admin = await adminHint(config.cmsPort);
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
