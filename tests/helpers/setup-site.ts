import { spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { WEB_DIR } from '../../scripts/lib/repo-dirs';
import { engines, ensureEngine } from '../../scripts/lib/system-packages';
import { startCms, type RunningCms } from './cms';
import { freePort, spawnService, waitForUrl, type Service } from '../../scripts/lib/processes';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    cmsUrl: string;
    /** The variables of the test CMS, for editor actions on its database (runStrapiTask). */
    cmsEnv: Record<string, string>;
    siteSecrets: { revalidate: string; preview: string };
    /** POST {controlUrl}/cms/{pause|resume|kill|restart}: what a CMS outage looks like to the site; GET {controlUrl}/site/log. */
    controlUrl: string;
  }
}

let cms: RunningCms | undefined;
let site: Service | undefined;
let control: http.Server | undefined;

/** Lets tests hang (SIGSTOP), resume, kill and restart the CMS process this setup owns. */
async function startControl(): Promise<string> {
  const actions: Record<string, () => Promise<void> | void> = {
    pause: () => void process.kill(-cms!.service.child.pid!, 'SIGSTOP'),
    resume: () => void process.kill(-cms!.service.child.pid!, 'SIGCONT'),
    kill: async () => {
      const exited = new Promise((resolve) => cms!.service.child.once('exit', resolve));
      process.kill(-cms!.service.child.pid!, 'SIGKILL');
      await exited;
    },
    restart: () => cms!.restart(),
  };
  control = http.createServer((request, response) => {
    // GET /site/log: what the site's server printed (its last 20,000 characters).
    if (request.method === 'GET' && request.url === '/site/log') return void response.writeHead(200).end(site?.output() ?? '');
    const action = actions[(request.url ?? '').replace('/cms/', '')];
    if (request.method !== 'POST' || !action) return void response.writeHead(404).end();
    Promise.resolve(action())
      .then(() => response.writeHead(204).end())
      .catch((error) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => control!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(control.address() as AddressInfo).port}`;
}

/** The variables the e2e site runs with (the build's and every instance's). */
export function siteEnv(cmsUrl: string, siteUrl: string, cmsEnv: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    CMS_URL: cmsUrl,
    SITE_URL: siteUrl,
    CMS_TIMEOUT_MS: '2500',
    // The page that throws (app/[locale]/error-probe), for the test of what a bug looks like to readers.
    SITE_ERROR_PROBE: '1',
    REVALIDATE_SECRET: cmsEnv.REVALIDATE_SECRET!,
    PREVIEW_SECRET: cmsEnv.PREVIEW_SECRET!,
    PREVIEW_API_TOKEN: cmsEnv.PREVIEW_API_TOKEN!,
  };
}

/** One instance of the built site (web/server.mjs, what `npm start` runs) on 127.0.0.1:port, once it serves /en. */
export async function startSiteServer(port: number, env: NodeJS.ProcessEnv): Promise<Service> {
  const server = spawnService(process.execPath, ['server.mjs', '-H', '127.0.0.1', '-p', String(port)], { cwd: WEB_DIR, env });
  try {
    await waitForUrl(`http://127.0.0.1:${port}/en`, (status) => status === 200, 60_000, server.alive);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n${server.output()}`);
  }
  return server;
}

/**
 * One seeded CMS and one production build of the site against it (always built anew, into the
 * default web/.next, so the tests never run an old build), served by web/server.mjs (what `npm start` runs) on a free port.
 */
export async function setup(project: TestProject) {
  // First, so that a missing browser stops the run at once (or is installed) before any build.
  ensureEngine(engines.chromium);
  const port = await freePort();
  const siteUrl = `http://127.0.0.1:${port}`;
  cms = await startCms({ env: { SITE_URL: siteUrl } });

  const env = siteEnv(cms.url, siteUrl, cms.env);
  try {
    await buildSite(env);

    site = await startSiteServer(port, env);
  } catch (error) {
    await teardown();
    throw error;
  }

  project.provide('siteUrl', siteUrl);
  project.provide('cmsUrl', cms.url);
  project.provide('cmsEnv', cms.env);
  project.provide('siteSecrets', { revalidate: env.REVALIDATE_SECRET!, preview: env.PREVIEW_SECRET! });
  project.provide('controlUrl', await startControl());
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
  control?.close();
  await site?.stop();
  await cms?.stop();
  site = undefined;
  cms = undefined;
}
