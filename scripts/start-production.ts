import path from 'node:path';
import { adminHint, buildCms } from './lib/cms';
import { productionConfig } from './lib/config';
import { stopAllServices, stopServicesOnExit } from './lib/processes';
import { startTopology, type Topology } from './lib/production';
import { ensureSecrets, readEnv } from './lib/secrets';
import { ROOT, WEB_ENV_FILE } from './lib/repo-dirs';
import { engines, MissingEngineError, requireEngines } from './lib/system-packages';
import { buildWebIfChanged } from './lib/web-build';

/**
 * `npm run start:production`: the production topology on this machine (README, "Production at
 * scale"): PostgreSQL and Redis on loopback, the CMS on PostgreSQL, two site instances sharing
 * their cache through Redis, nginx in front on the site's usual address. Debian packages it needs
 * are named when missing, never installed from here. Ctrl-C stops everything.
 */
const config = productionConfig();
const steps = 4;
const step = (n: number, text: string) => console.log(`\n[${n}/${steps}] ${text}`);
let topology: Topology | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping nginx, the site instances, the CMS, Redis and PostgreSQL…');
  await topology?.stop();
  await stopAllServices();
  process.exit(code);
}
stopServicesOnExit(() => void shutdown(0));

try {
  step(1, 'Debian packages: PostgreSQL, Redis, nginx');
  const found = requireEngines([engines.postgresql, engines.redis, engines.nginx]);
  console.log(`  ${found.join(', ')}`);

  step(2, 'Secrets');
  const { created } = ensureSecrets();
  console.log(created.length ? `  generated ${created.length} secrets into cms/.env and web/.env (mode 600)` : '  present');

  step(3, 'Builds');
  if (!buildCms('full')) console.log('  CMS up to date');
  buildWebIfChanged({ CMS_URL: config.cmsUrl, SITE_URL: config.siteUrl });

  step(4, 'Services');
  topology = await startTopology({
    dir: path.resolve(ROOT, config.dataDir),
    ports: config.ports,
    siteUrl: config.siteUrl,
    refreshToken: readEnv(WEB_ENV_FILE).CACHE_REFRESH_TOKEN!,
    echo: true,
    log: (line) => console.log(`  ${line}`),
  });
  for (const [index, site] of topology.sites().entries()) {
    site.child.on('exit', () => {
      if (!stopping) console.error(`\nSite instance ${index + 1} stopped; nginx sends its readers to the other.`);
    });
  }
  topology.cms().child.on('exit', () => {
    if (!stopping) console.error('\nThe CMS stopped; readers get the pages nginx and the site instances have.');
  });

  console.log(`
Ready.
  Site       ${config.siteUrl}  (nginx, micro-cache in ${config.dataDir}/nginx/cache)
  Instances  ${topology.siteUrls.join('  ')}
  CMS admin  http://localhost:${config.ports.cms}/admin  (PostgreSQL database "strapi" on 127.0.0.1:${config.ports.postgres})
  Redis      ${topology.redis.url}
${await adminHint(config.ports.cms)}
Press Ctrl-C to stop everything.`);
} catch (error) {
  console.error(error instanceof MissingEngineError ? `\n${error.message}` : `\nStart failed: ${(error as Error).message}`);
  await shutdown(1);
}
