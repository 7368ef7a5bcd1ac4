import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { strapiBin } from './lib/cms';
import { runtimeConfig } from './lib/config';
import { CMS_DIR, ROOT, WEB_DIR } from './lib/repo-dirs';
import { spawnService, stopAllServices, stopServicesOnExit, TSX, waitForUrl, type Service } from './lib/processes';
import { ensureSecrets } from './lib/secrets';

/**
 * `npm run dev`: the development loop. The CMS in develop mode (the content-type builder is on, and
 * it restarts when its code or content model changes, rewriting web/src/data/schema.graphql), GraphQL
 * types regenerated when the schema or a document changes, and the site under `next dev` against it.
 * Same database and secrets as `npm start`; Ctrl-C stops all three.
 */
const config = runtimeConfig();
const quiet = { STRAPI_TELEMETRY_DISABLED: 'true', NEXT_TELEMETRY_DISABLED: '1' };
let stopping = false;

function serve(name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Service {
  const service = spawnService(command, args, { cwd, env: { ...process.env, ...quiet, ...env }, echo: name });
  service.child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`\n${name} stopped (${signal ?? `exit ${code}`}); stopping everything.`);
      void shutdown(1);
    }
  });
  return service;
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await stopAllServices();
  process.exit(code);
}

stopServicesOnExit(() => void shutdown(0));

try {
  ensureSecrets();
  const seeded = spawnSync(process.execPath, [TSX, 'scripts/seed.ts', '--first-run'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...quiet, STRAPI_LOG_LEVEL: 'error' },
  });
  if (seeded.status !== 0) throw new Error('the seed failed');

  const cms = serve('cms', process.execPath, [strapiBin(), 'develop'], CMS_DIR, {
    NODE_ENV: 'development',
    HOST: config.cmsHost,
    PORT: String(config.cmsPort),
    SITE_URL: config.siteUrl,
    GRAPHQL_WRITE_SCHEMA: 'true',
  });
  console.log('Starting the CMS in develop mode (the admin panel is built on first start: a minute or two)…');
  await waitForUrl(`http://127.0.0.1:${config.cmsPort}/_health`, (status) => status === 204, 300_000, cms.alive);

  // One full codegen first (types and the error pages' strings), then types again on every change.
  if (spawnSync('npm', ['run', 'codegen'], { cwd: WEB_DIR, stdio: 'inherit' }).status !== 0) throw new Error('codegen failed');
  serve('codegen', path.join(ROOT, 'node_modules/.bin/graphql-codegen'), ['--config', 'codegen.ts', '--watch'], WEB_DIR, {});
  serve(
    'web',
    path.join(WEB_DIR, 'node_modules/.bin/next'),
    ['dev', '-H', config.webHost, '-p', String(config.webPort)],
    WEB_DIR,
    {
      CMS_URL: config.cmsUrl,
      SITE_URL: config.siteUrl,
    },
  );

  console.log(`
Development servers (they reload on change):
  Site      ${config.siteUrl}
  CMS admin http://localhost:${config.cmsPort}/admin (content-type builder on)
Changing the content model rewrites web/src/data/schema.graphql: commit it with the change.
Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`\nDev start failed: ${(error as Error).message}`);
  await shutdown(1);
}
