import { z } from 'zod';

const schema = z.object({
  CMS_URL: z.url().default('http://127.0.0.1:1337'),
  SITE_URL: z.url().default('http://localhost:3000'),
  CMS_TIMEOUT_MS: z.coerce.number().int().positive().max(60_000).default(4000),
});

let cached: z.infer<typeof schema> | undefined;

/** Server-side settings, read at run time (not inlined at build). */
export function env() {
  if (!cached) {
    const parsed = schema.parse({
      CMS_URL: process.env.CMS_URL || undefined,
      SITE_URL: process.env.SITE_URL || undefined,
      CMS_TIMEOUT_MS: process.env.CMS_TIMEOUT_MS || undefined,
    });
    cached = {
      ...parsed,
      CMS_URL: parsed.CMS_URL.replace(/\/+$/, ''),
      SITE_URL: parsed.SITE_URL.replace(/\/+$/, ''),
    };
  }
  return cached;
}
