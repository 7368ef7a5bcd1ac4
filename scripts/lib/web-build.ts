import fs from 'node:fs';
import path from 'node:path';
import { fingerprint } from './fingerprint';
import { ROOT, WEB_DIR } from './repo-dirs';
import { runOrThrow } from './run';

const SOURCES = [
  'web/src',
  'web/package.json',
  'web/next.config.ts',
  'web/tsconfig.json',
  'web/codegen.ts',
  'web/scripts',
  'locales',
  'package-lock.json',
];
const STAMP = path.join(WEB_DIR, '.next', '.source-hash');

/** Whether web/.next was built from the current sources (`npm start` rebuilds only when not). */
export const isWebBuilt = () => fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === fingerprint(SOURCES);
export const markWebBuilt = () => fs.writeFileSync(STAMP, fingerprint(SOURCES));

/** Builds the site for production when its sources changed since the last build. */
export function buildWebIfChanged(env: NodeJS.ProcessEnv, log: (line: string) => void = console.log) {
  if (isWebBuilt()) return log('  build up to date');
  log('  building the site (first run: about a minute)…');
  runOrThrow('npm', ['run', 'build', '--workspace', 'web'], ROOT, { ...env, NODE_ENV: 'production' });
  markWebBuilt();
}
