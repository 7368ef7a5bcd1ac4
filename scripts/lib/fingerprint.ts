import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './repo-dirs';

const SKIP = new Set(['node_modules', 'generated', '.next', 'dist', '.tmp']);

function files(full: string): string[] {
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((child) => !SKIP.has(child.name))
    .flatMap((child) => files(path.join(full, child.name)))
    .sort();
}

/** A hash of the names and contents of every file under `entries` (paths relative to the repo root). */
export function fingerprint(entries: string[]): string {
  const hash = createHash('sha256');
  for (const file of entries.flatMap((entry) => files(path.join(ROOT, entry)))) {
    hash.update(path.relative(ROOT, file)).update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}
