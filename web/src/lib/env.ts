import { z } from 'zod';

const schema = z.object({
  CMS_URL: z.url().default('http://127.0.0.1:1337'),
  SITE_URL: z.url().default('http://localhost:3000'),
  CMS_TIMEOUT_MS: z.coerce.number().int().positive().max(60_000).default(4000),
  /** The read-only API token the CMS creates for previews (generated into web/.env). */
  PREVIEW_API_TOKEN: z.string().default(''),
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
    });
    cached = {
      ...parsed,
      CMS_URL: parsed.CMS_URL.replace(/\/+$/, ''),
      SITE_URL: parsed.SITE_URL.replace(/\/+$/, ''),
    };
  }
  return cached;
}
