import type { Core } from '@strapi/strapi';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CMS_DIR } from './repo-dirs';
import { buildCms } from './cms';

/** Loads the CMS in this process, without its HTTP server, for scripts (seed, schema, fixtures). */
export async function loadStrapi(): Promise<Core.Strapi> {
  buildCms('server');
  process.chdir(CMS_DIR);
  process.env.NODE_ENV ??= 'production';
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.STRAPI_LOG_LEVEL ??= 'warn';
  // Strapi's ESM build imports lodash/fp as a directory, which Node's ESM loader refuses: load its CommonJS build.
  const { createStrapi } = createRequire(import.meta.url)('@strapi/strapi') as typeof import('@strapi/strapi');
  const app = createStrapi({ appDir: CMS_DIR, distDir: path.join(CMS_DIR, 'dist') });
  app.log.level = process.env.STRAPI_LOG_LEVEL;
  return app.load();
}

/**
 * Waits until the webhooks this process queued (one per published locale) have been sent: a script
 * that destroys Strapi right after a publish would otherwise leave the site uninformed.
 */
export async function webhooksSent(strapi: Core.Strapi, timeoutMs = 15_000) {
  const { queue } = strapi.get('webhookRunner') as { queue: { running: number; queue: unknown[] } };
  const deadline = Date.now() + timeoutMs;
  await new Promise((resolve) => setImmediate(resolve));
  while ((queue.running > 0 || queue.queue.length > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
