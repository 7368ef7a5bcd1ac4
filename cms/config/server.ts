import type { Core } from '@strapi/strapi';
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Behind a reverse proxy (IS_PROXIED=true), the client address and scheme come from X-Forwarded-*;
  // only the last PROXY_HOPS addresses of X-Forwarded-For are trusted (the ones the proxies added).
  proxy: { koa: env.bool('IS_PROXIED', false), maxIpsCount: env.int('PROXY_HOPS', 1) },
  // No call home to check for updates: this server may run where being tracked puts people at risk.
  logger: {
    updates: { enabled: false },
  },
  app: {
    keys: env.array('APP_KEYS'),
  },
  // Where uploads live (its uploads/ folder); a restore fills a fresh one before swapping it in.
  dirs: { public: env('PUBLIC_DIR', './public') },
});
