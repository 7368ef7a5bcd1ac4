/**
 * Where the two servers listen and how they reach each other. Every value can be overridden by an
 * environment variable of the same name (see README, "Environment variables").
 */
export function runtimeConfig(env: NodeJS.ProcessEnv = process.env) {
  const cmsHost = env.CMS_HOST ?? '127.0.0.1';
  const cmsPort = Number(env.CMS_PORT ?? 1337);
  const webHost = env.WEB_HOST ?? '127.0.0.1';
  const webPort = Number(env.WEB_PORT ?? 3000);
  return {
    cmsHost,
    cmsPort,
    webHost,
    webPort,
    /** How the site (server side) reaches the CMS. */
    cmsUrl: env.CMS_URL ?? `http://127.0.0.1:${cmsPort}`,
    /** The site's public origin: canonical URLs, share links, the CMS's webhook and preview. */
    siteUrl: env.SITE_URL ?? `http://localhost:${webPort}`,
  };
}

/**
 * `npm run start:production`'s ports: nginx where `npm start`'s site listens (WEB_PORT), the site
 * instances, PostgreSQL and Redis on ports of their own (loopback only). Same overrides by name.
 */
export function productionConfig(env: NodeJS.ProcessEnv = process.env) {
  const base = runtimeConfig(env);
  const sitePorts = (env.SITE_INSTANCE_PORTS ?? `${base.webPort + 1},${base.webPort + 2}`).split(',').map(Number);
  if (sitePorts.some((port) => !Number.isInteger(port) || port <= 0)) {
    throw new Error(`SITE_INSTANCE_PORTS must be a comma-separated list of ports, not "${env.SITE_INSTANCE_PORTS}"`);
  }
  return {
    ...base,
    ports: {
      public: base.webPort,
      cms: base.cmsPort,
      sites: sitePorts,
      postgres: Number(env.POSTGRES_PORT ?? 5433),
      redis: Number(env.REDIS_PORT ?? 6380),
    },
    /** PostgreSQL's data, Redis's folder, nginx's cache: git-ignored, kept between starts. */
    dataDir: env.PRODUCTION_DATA_DIR ?? '.data/production',
  };
}
