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
