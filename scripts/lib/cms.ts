import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fingerprint } from './fingerprint';
import { CMS_DIR, ROOT } from './repo-dirs';

const SOURCES = ['cms/src', 'cms/config', 'cms/tsconfig.json', 'cms/package.json', 'locales/locales.json', 'tsconfig.json'];
const DIST = path.join(CMS_DIR, 'dist');

/** A fingerprint of everything `strapi build` compiles, to rebuild only when it changed. */
export const cmsSourceHash = () => fingerprint(SOURCES);

type BuildKind = 'server' | 'full';
const stampFile = (kind: BuildKind) => path.join(DIST, `.${kind}-build`);

export function isCmsBuilt(kind: BuildKind): boolean {
  const hash = cmsSourceHash();
  const built = (k: BuildKind) => fs.existsSync(stampFile(k)) && fs.readFileSync(stampFile(k), 'utf8') === hash;
  return kind === 'server' ? built('server') || built('full') : built('full');
}

/**
 * Compiles the CMS when its sources changed. `full` also builds the admin panel (about a minute and
 * 2 GB of memory); `server` compiles only the TypeScript the server runs, which is all tests need.
 */
export function buildCms(kind: BuildKind, log: (line: string) => void = console.error) {
  if (isCmsBuilt(kind)) return false;
  const hash = cmsSourceHash();
  log(kind === 'full' ? 'Building the CMS and its admin panel (first run: about a minute)…' : 'Compiling the CMS…');
  const command =
    kind === 'full'
      ? [strapiBin(), ['build']]
      : [process.execPath, ['-e', "require('@strapi/strapi').compileStrapi({ appDir: process.cwd() })"]];
  const result = spawnSync(command[0] as string, command[1] as string[], {
    cwd: CMS_DIR,
    // On standard error, so that a script's own output (an XLIFF export to stdout) stays clean.
    stdio: ['ignore', 2, 2],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      STRAPI_TELEMETRY_DISABLED: 'true',
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=3072`.trim(),
    },
  });
  if (result.status !== 0) throw new Error(`CMS ${kind} build failed (exit ${result.status})`);
  fs.mkdirSync(DIST, { recursive: true });
  fs.writeFileSync(stampFile(kind), hash);
  return true;
}

export function strapiBin() {
  const local = path.join(CMS_DIR, 'node_modules/.bin/strapi');
  return fs.existsSync(local) ? local : path.join(ROOT, 'node_modules/.bin/strapi');
}

/** Whether the CMS has an admin account (its admin panel asks the same at /admin/init). */
async function hasAdmin(cmsPort: number): Promise<boolean | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${cmsPort}/admin/init`, { signal: AbortSignal.timeout(5000) });
    const body = (await response.json()) as { data?: { hasAdmin?: boolean } };
    return body.data?.hasAdmin;
  } catch {
    return undefined;
  }
}

/** What to say about signing in to the admin panel, once the CMS answers. */
export async function adminHint(cmsPort: number): Promise<string> {
  return {
    true: 'Sign in to the admin panel with your admin account.',
    false: 'No admin account exists until you create one (see README, "The first admin").',
    undefined: 'See README, "The first admin", if you have no admin account yet.',
  }[String(await hasAdmin(cmsPort)) as 'true' | 'false' | 'undefined'];
}
