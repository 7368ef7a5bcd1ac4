import type { Core } from '@strapi/strapi';
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // No call home to check for updates: this server may run where being tracked puts people at risk.
  logger: {
    updates: { enabled: false },
  },
  app: {
    keys: env.array('APP_KEYS'),
  },
});
