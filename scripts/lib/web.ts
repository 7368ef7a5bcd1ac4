import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, WEB_DIR } from './paths';

const SOURCES = ['web/src', 'web/package.json', 'web/next.config.ts', 'web/tsconfig.json', 'web/codegen.ts', 'locales', 'package-lock.json'];
const STAMP = path.join(WEB_DIR, '.next', '.source-hash');

function files(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((child) => child.name !== 'node_modules' && child.name !== 'generated')
    .flatMap((child) => files(path.join(entry, child.name)))
    .sort();
}

export function webSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap(files)) hash.update(path.relative(ROOT, file)).update(fs.readFileSync(file));
  return hash.digest('hex');
}

export const isWebBuilt = () => fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === webSourceHash();
export const markWebBuilt = () => fs.writeFileSync(STAMP, webSourceHash());
