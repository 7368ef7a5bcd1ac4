import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { WEB_DIR } from '../../scripts/lib/paths';
import { startCms, type RunningCms } from './cms';
import { freePort, spawnService, waitFor, type Service } from './processes';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    cmsUrl: string;
  }
}

let cms: RunningCms | undefined;
let site: Service | undefined;

/**
 * One seeded CMS and one production build of the site against it (always built anew, into the
 * default web/.next, so the tests never run an old build), served by `next start` on a free port.
 */
export async function setup(project: TestProject) {
  const port = await freePort();
  const siteUrl = `http://127.0.0.1:${port}`;
  cms = await startCms({ env: { SITE_URL: siteUrl } });

  const env = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    CMS_URL: cms.url,
    SITE_URL: siteUrl,
  };
  try {
    await buildSite(env);

    const next = path.join(WEB_DIR, 'node_modules/next/dist/bin/next');
    site = spawnService(process.execPath, [next, 'start', '-H', '127.0.0.1', '-p', String(port)], { cwd: WEB_DIR, env });
    try {
      await waitFor(`${siteUrl}/en`, (status) => status === 200, 60_000, site.child);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${site.output()}`);
    }
  } catch (error) {
    await teardown();
    throw error;
  }

  project.provide('siteUrl', siteUrl);
  project.provide('cmsUrl', cms.url);
}

/** `npm run build` in web/, waiting (up to 5 minutes) while another `next build` holds web/.next. */
async function buildSite(env: NodeJS.ProcessEnv) {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: WEB_DIR, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (build.status === 0) return;
    const output = `${build.stdout}\n${build.stderr}`;
    if (!/Another next build process is already running/.test(output) || Date.now() > deadline) {
      throw new Error(`site build failed:\n${build.stdout.slice(-8000)}\n${build.stderr.slice(-8000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}

export async function teardown() {
  await site?.stop();
  await cms?.stop();
  site = undefined;
  cms = undefined;
}
