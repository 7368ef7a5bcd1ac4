import fs from 'node:fs';
import path from 'node:path';
import { publicUrl } from './layout';
import { SIGNATURE_FILE, SUMS_FILE, UNLISTED, parseSums, sha256, signatureValid } from './manifest';

export type Verdict = {
  ok: boolean;
  signature: boolean;
  checked: number;
  differs: string[];
  missing: string[];
  extra: string[];
  /** What could not be checked (extra files over HTTP). */
  notes: string[];
};

function filesUnder(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return filesUnder(dir, relative);
    return [relative];
  });
}

/** A mirror's files, from a folder or from the URL it is served at. */
type Source = { read: (file: string) => Promise<Buffer | null>; list: (() => string[]) | null };

function source(location: string): Source {
  if (/^https?:\/\//.test(location)) {
    return {
      read: async (file) => {
        const response = await fetch(publicUrl(location, file));
        if (response.status === 404) return null;
        if (!response.ok) throw new Error(`${publicUrl(location, file)} answered ${response.status}`);
        return Buffer.from(await response.arrayBuffer());
      },
      list: null,
    };
  }
  const root = path.resolve(location);
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${location}: no such folder`);
  return {
    read: async (file) => {
      try {
        return fs.readFileSync(path.join(root, file));
      } catch {
        return null;
      }
    },
    list: () => filesUnder(root),
  };
}

/**
 * Checks a mirror against a trusted public key: the signature of SHA256SUMS, then every file it
 * lists, then (for a folder) that nothing else is there.
 */
export async function verifyMirror(location: string, publicKeyPem: string): Promise<Verdict> {
  const from = source(location);
  const sums = await from.read(SUMS_FILE);
  const signature = await from.read(SIGNATURE_FILE);
  const verdict: Verdict = { ok: false, signature: false, checked: 0, differs: [], missing: [], extra: [], notes: [] };
  if (!sums) verdict.missing.push(SUMS_FILE);
  if (!signature) verdict.missing.push(SIGNATURE_FILE);
  if (!sums) return verdict;
  verdict.signature = Boolean(signature) && signatureValid(sums, signature!, publicKeyPem);
  const listed = parseSums(sums.toString('utf8'));
  for (const [file, digest] of listed) {
    const bytes = await from.read(file);
    verdict.checked++;
    if (!bytes) verdict.missing.push(file);
    else if (sha256(bytes) !== digest) verdict.differs.push(file);
  }
  if (from.list) {
    verdict.extra = from
      .list()
      .filter((file) => !listed.has(file) && !UNLISTED.includes(file))
      .sort();
  } else verdict.notes.push('served over HTTP: files that are not listed cannot be seen, only the listed ones were checked');
  verdict.ok = verdict.signature && !verdict.differs.length && !verdict.missing.length && !verdict.extra.length;
  return verdict;
}
