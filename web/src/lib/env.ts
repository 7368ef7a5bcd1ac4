import { z } from 'zod';
// The one place of the defaults (also read by server.mjs, which is not TypeScript).
import defaults from './defaults.json';

const schema = z.object({
  CMS_URL: z.url().default(defaults.CMS_URL),
  SITE_URL: z.url().default(defaults.SITE_URL),
  CMS_TIMEOUT_MS: z.coerce.number().int().positive().max(60_000).default(4000),
  /** The read-only API token the CMS creates for previews (generated into web/.env). */
  PREVIEW_API_TOKEN: z.string().default(''),
  /** A shared cache in front (nginx, `npm run start:production`) whose stored pages a publish replaces. */
  CACHE_REFRESH_URL: z.url().optional(),
  CACHE_REFRESH_TOKEN: z.string().min(24).optional(),
  /** Several instances share their caches through this Redis (cache-handler.mjs reads it too). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'a redis:// or rediss:// URL')
    .optional(),
});

let cached: z.infer<typeof schema> | undefined;

/** Server-side settings, read at run time (not inlined at build). */
export function env() {
  if (!cached) {
    const parsed = schema.parse({
      CMS_URL: process.env.CMS_URL || undefined,
      SITE_URL: process.env.SITE_URL || undefined,
      CMS_TIMEOUT_MS: process.env.CMS_TIMEOUT_MS || undefined,
      PREVIEW_API_TOKEN: process.env.PREVIEW_API_TOKEN || undefined,
      CACHE_REFRESH_URL: process.env.CACHE_REFRESH_URL || undefined,
      CACHE_REFRESH_TOKEN: process.env.CACHE_REFRESH_TOKEN || undefined,
      REDIS_URL: process.env.REDIS_URL || undefined,
    });
    cached = {
      ...parsed,
      CMS_URL: parsed.CMS_URL.replace(/\/+$/, ''),
      SITE_URL: parsed.SITE_URL.replace(/\/+$/, ''),
    };
  }
  return cached;
}
