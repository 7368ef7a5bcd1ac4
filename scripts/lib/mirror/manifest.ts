import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * What proves a mirror unaltered: SHA256SUMS (every file of the bundle but the two below, in the
 * format of `sha256sum`), signed as it is with Ed25519 into SHA256SUMS.sig (64 raw bytes), so that
 * `openssl pkeyutl -verify -rawin` and `sha256sum -c` check it without Node. manifest.json (listed in
 * SHA256SUMS, so covered by the signature) says what the copy is: origin, date, and every file with
 * its size and digest.
 */
export const SUMS_FILE = 'SHA256SUMS';
export const SIGNATURE_FILE = 'SHA256SUMS.sig';
export const MANIFEST_FILE = 'manifest.json';
export const PUBLIC_KEY_FILE = 'mirror-key.pem';
/** The files the signature does not list (it cannot list itself). */
export const UNLISTED = [SUMS_FILE, SIGNATURE_FILE];

export type ManifestEntry = { path: string; size: number; sha256: string; copiedAt: string };
export type Manifest = {
  site: string;
  origin: string;
  baseUrl: string | null;
  createdAt: string;
  files: ManifestEntry[];
};

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** sha256sum's text format: one `{digest}  {path}` line per file, sorted by path. */
export function sumsText(files: Map<string, string>): string {
  const names = [...files.keys()].sort();
  for (const name of names) {
    if (/[\n\\]/.test(name)) throw new Error(`a file name sha256sum cannot list: ${JSON.stringify(name)}`);
  }
  return names.map((name) => `${files.get(name)}  ${name}\n`).join('');
}

/** The digests of a SHA256SUMS text, by path; throws on a line that is not in its format. */
export function parseSums(text: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) throw new Error(`${SUMS_FILE}: not a checksum line: ${JSON.stringify(line.slice(0, 120))}`);
    files.set(match[2]!, match[1]!);
  }
  return files;
}

export const signSums = (sums: Uint8Array, key: KeyObject) => sign(null, sums, key);

/** Whether a signature of SHA256SUMS is valid for a PEM public key (false for anything malformed). */
export function signatureValid(sums: Uint8Array, signature: Uint8Array, publicPem: string): boolean {
  try {
    const key = createPublicKey(publicPem);
    return key.asymmetricKeyType === 'ed25519' && verify(null, sums, key, signature);
  } catch {
    return false;
  }
}
