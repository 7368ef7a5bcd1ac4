import type { TestProject } from 'vitest/node';
import { startCms, type RunningCms } from './cms';
import type { CmsDatabase } from './db';

declare module 'vitest' {
  export interface ProvidedContext {
    cmsUrl: string;
    cmsDatabase: CmsDatabase;
    cmsEnv: Record<string, string>;
    cmsSecrets: { revalidate: string; previewToken: string; siteUrl: string };
  }
}

let cms: RunningCms | undefined;

/**
 * One seeded CMS for the integration tests, on a free port and a temporary SQLite file, or a fresh
 * database on the PostgreSQL cluster that setup-postgres.ts (run before this) provides.
 */
export async function setup(project: TestProject) {
  cms = await startCms({ server: project.getProvidedContext().cmsDatabaseServer ?? { client: 'sqlite' } });
  project.provide('cmsUrl', cms.url);
  project.provide('cmsDatabase', cms.database);
  project.provide('cmsEnv', cms.env);
  project.provide('cmsSecrets', {
    revalidate: cms.env.REVALIDATE_SECRET!,
    previewToken: cms.env.PREVIEW_API_TOKEN!,
    siteUrl: cms.env.SITE_URL!,
  });
}

export async function teardown() {
  await cms?.stop();
}
