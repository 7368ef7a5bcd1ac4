import type { TestProject } from 'vitest/node';
import { startCms, type RunningCms } from './cms';

declare module 'vitest' {
  export interface ProvidedContext {
    cmsUrl: string;
    cmsDbFile: string;
    cmsEnv: Record<string, string>;
    cmsSecrets: { revalidate: string; previewToken: string; siteUrl: string };
  }
}

let cms: RunningCms | undefined;

/** One seeded CMS for the integration tests, on a temporary SQLite file and a free port. */
export async function setup(project: TestProject) {
  cms = await startCms();
  project.provide('cmsUrl', cms.url);
  project.provide('cmsDbFile', cms.dbFile);
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
