import fs from 'node:fs';
import path from 'node:path';
import { strapiBin } from './cms';
import { renderNginxConfig, startNginx, type Nginx } from './nginx';
import { assertPortFree, freePort } from './net';
import { startPostgres, type Postgres } from './postgres';
import { spawnService, TSX, waitForUrl, type Service } from './processes';
import { startRedis, type Redis } from './redis';
import { CMS_DIR, ROOT, WEB_DIR } from './repo-dirs';
import { runOrThrow } from './run';
import { freshSecrets } from './secrets';

/**
 * The production topology on one machine: PostgreSQL and Redis (private, on loopback), the CMS on
 * PostgreSQL, several site instances sharing Next's cache through Redis, and nginx in front with a
 * micro-cache. `npm run start:production` runs it; the tests and the benchmark run the same code on
 * free ports and a temporary folder.
 */
export type TopologyPorts = { public: number; cms: number; sites: number[]; postgres: number; redis: number };

export type TopologyOptions = {
  /** Where PostgreSQL's data, Redis's folder and nginx's cache live. */
  dir: string;
  ports: TopologyPorts;
  /** The public origin readers use (nginx's address, or what stands in front of it). */
  siteUrl: string;
  /** Extra variables for the CMS and the site (secrets when they are not in cms/.env and web/.env). */
  cmsEnv?: Record<string, string>;
  webEnv?: Record<string, string>;
  /** The site's CACHE_REFRESH_TOKEN: nginx lets it replace stored pages after a publish. */
  refreshToken: string;
  /** Prefix every service's output with its name on this process's output. */
  echo?: boolean;
  /** Called with each step, for the command's progress lines. */
  log?: (line: string) => void;
};

export type Topology = {
  publicUrl: string;
  cmsUrl: string;
  siteUrls: string[];
  /** The variables the CMS runs with (its database among them), for editor actions and the seed. */
  cmsEnv: Record<string, string>;
  postgres: Postgres;
  redis: Redis;
  nginx: Nginx;
  cms: () => Service;
  sites: () => Service[];
  startCms: () => Promise<void>;
  startSite: (index: number) => Promise<void>;
  stopSite: (index: number) => Promise<void>;
  stop: () => Promise<void>;
};

const quiet = { STRAPI_TELEMETRY_DISABLED: 'true', NEXT_TELEMETRY_DISABLED: '1' };
export const DATABASE_NAME = 'strapi';

/** Starts every part in order, each waited for; the caller builds the CMS and the site first. */
export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const log = options.log ?? (() => {});
  const { ports } = options;
  const dir = path.resolve(options.dir);
  fs.mkdirSync(dir, { recursive: true });
  const echo = (name: string) => (options.echo ? name : undefined);
  const started: { stop: () => Promise<void> }[] = [];
  const stopAll = async () => {
    for (const part of started.reverse()) await part.stop();
  };

  try {
    log(`PostgreSQL on 127.0.0.1:${ports.postgres}`);
    const postgres = await startPostgres({ dataDir: path.join(dir, 'postgres'), port: ports.postgres, echo: echo('postgres') });
    started.push(postgres);
    postgres.createDatabase(DATABASE_NAME);

    log(`Redis on 127.0.0.1:${ports.redis}`);
    const redis = await startRedis({ dir: path.join(dir, 'redis'), port: ports.redis, echo: echo('redis') });
    started.push(redis);

    const cmsUrl = `http://127.0.0.1:${ports.cms}`;
    const cmsEnv: Record<string, string> = {
      ...quiet,
      ...options.cmsEnv,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(ports.cms),
      SITE_URL: options.siteUrl,
      DATABASE_CLIENT: 'postgres',
      DATABASE_URL: postgres.url(DATABASE_NAME),
    };

    log('Seed content (first run only)');
    runOrThrow(process.execPath, [TSX, 'scripts/seed.ts', '--first-run'], ROOT, { ...cmsEnv, STRAPI_LOG_LEVEL: 'error' });

    log(`CMS on ${cmsUrl}`);
    let cms: Service;
    const startCms = async () => {
      await assertPortFree(ports.cms, 'CMS');
      cms = spawnService(process.execPath, [strapiBin(), 'start'], {
        cwd: CMS_DIR,
        env: { ...process.env, ...cmsEnv },
        echo: echo('cms'),
      });
      await waitForUrl(`${cmsUrl}/_health`, (status) => status === 204, 120_000, cms.alive);
    };
    await startCms();
    started.push({ stop: () => cms.stop() });

    const siteUrls = ports.sites.map((port) => `http://127.0.0.1:${port}`);
    const webEnv = {
      ...quiet,
      ...options.webEnv,
      NODE_ENV: 'production',
      CMS_URL: cmsUrl,
      SITE_URL: options.siteUrl,
      REDIS_URL: redis.url,
      CACHE_REFRESH_URL: `http://127.0.0.1:${ports.public}`,
      CACHE_REFRESH_TOKEN: options.refreshToken,
    };
    const sites: Service[] = [];
    const startSite = async (index: number) => {
      log(`Site instance ${index + 1} on ${siteUrls[index]}`);
      await assertPortFree(ports.sites[index]!, `site instance ${index + 1}`);
      const site = spawnService(process.execPath, ['server.mjs', '-H', '127.0.0.1', '-p', String(ports.sites[index])], {
        cwd: WEB_DIR,
        env: { ...process.env, ...webEnv },
        echo: echo(`site ${index + 1}`),
      });
      sites[index] = site;
      await waitForUrl(`${siteUrls[index]}/en`, (status) => status < 500, 60_000, site.alive);
    };
    for (const index of ports.sites.keys()) await startSite(index);
    started.push({ stop: async () => void (await Promise.all(sites.map((site) => site.stop()))) });

    log(`nginx on ${options.siteUrl} (127.0.0.1:${ports.public})`);
    const nginxDir = path.join(dir, 'nginx');
    const nginx = await startNginx({
      prefix: nginxDir,
      port: ports.public,
      echo: echo('nginx'),
      config: renderNginxConfig({
        prefix: nginxDir,
        listen: `127.0.0.1:${ports.public}`,
        upstreams: ports.sites.map((port) => `127.0.0.1:${port}`),
        refreshToken: options.refreshToken,
      }),
    });
    started.push(nginx);

    return {
      publicUrl: `http://127.0.0.1:${ports.public}`,
      cmsUrl,
      siteUrls,
      cmsEnv,
      postgres,
      redis,
      nginx,
      cms: () => cms,
      sites: () => sites,
      startCms,
      startSite,
      stopSite: (index) => sites[index]!.stop(),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The topology on free ports with secrets of its own, in `dir`: for the tests and the benchmark. The
 * CMS runs without its admin panel (they build its server only).
 */
export async function startIsolatedTopology(dir: string, log?: (line: string) => void): Promise<Topology> {
  const ports = {
    public: await freePort(),
    cms: await freePort(),
    sites: [await freePort(), await freePort()],
    postgres: await freePort(),
    redis: await freePort(),
  };
  const secrets = freshSecrets();
  return startTopology({
    dir,
    ports,
    siteUrl: `http://127.0.0.1:${ports.public}`,
    refreshToken: secrets.web.CACHE_REFRESH_TOKEN!,
    cmsEnv: { ...secrets.cms, SERVE_ADMIN_PANEL: 'false', STRAPI_LOG_LEVEL: 'warn' },
    webEnv: secrets.web,
    log,
  });
}
