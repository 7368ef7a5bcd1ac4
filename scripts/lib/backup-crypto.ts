import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * The backup file format (version 1): Strapi's export (a .tar.gz), encrypted with AES-256-GCM in
 * chunks, so that a file of any size is written and checked as a stream and a damaged chunk is found
 * where it is.
 *
 *   header  magic "STMTBAK" + version (8 bytes) | salt (32) | key check (16) | info length (2, BE)
 *           | info (UTF-8 JSON: when, what) | header checksum (8: SHA-256 of what precedes)
 *   chunks  each 64 KiB of plaintext -> 64 KiB ciphertext + 16-byte tag; the last chunk (0 to 64 KiB)
 *           is marked final in its authenticated data, so a file cut at a chunk boundary is refused.
 *
 * The file key is HKDF-SHA256(backup key, salt, header), so any change to the header fails the first
 * chunk. The key check (HMAC of the salt with the backup key) tells a wrong key from a damaged file
 * before any decryption; it reveals nothing about the key and differs in every file.
 */

export const MAGIC = Buffer.from('STMTBAK\x01', 'latin1');
export const FORMAT_VERSION = 1;
export const CHUNK_SIZE = 64 * 1024;
const TAG = 16;
const SALT = 32;
const CHECK = 16;
const SUM = 8;
const FIXED = MAGIC.length + SALT + CHECK + 2;

export type BackupInfo = { created: string; [key: string]: unknown };

/** Why a file cannot be restored; `kind` lets callers and tests tell the cases apart. */
export class BackupFileError extends Error {
  constructor(
    readonly kind: 'not-a-backup' | 'unsupported-version' | 'wrong-key' | 'damaged' | 'truncated',
    message: string,
  ) {
    super(message);
  }
}

export class BackupKeyError extends Error {}

/** A new backup key: 32 random bytes, written as base64url (43 characters). */
export const newBackupKey = () => randomBytes(32).toString('base64url');

/** The 32 bytes of a key written as base64 or base64url (what a key file or BACKUP_KEY holds). */
export function parseBackupKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const bytes = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (bytes.length !== 32) {
    throw new BackupKeyError(`${where} is not a backup key: expected 32 bytes written in base64 (43 or 44 characters).`);
  }
  return bytes;
}

const keyCheck = (key: Buffer, salt: Buffer) =>
  createHmac('sha256', key).update('backup key check v1').update(salt).digest().subarray(0, CHECK);
const fileKey = (key: Buffer, salt: Buffer, header: Buffer) =>
  Buffer.from(hkdfSync('sha256', key, salt, Buffer.concat([Buffer.from('backup data v1'), header]), 32));
const nonce = (index: number) => {
  const bytes = Buffer.alloc(12);
  bytes.writeBigUInt64BE(BigInt(index), 4);
  return bytes;
};
const aad = (final: boolean) => Buffer.from([final ? 1 : 0]);

function encryptChunk(key: Buffer, index: number, plain: Buffer, final: boolean) {
  const cipher = createCipheriv('aes-256-gcm', key, nonce(index));
  cipher.setAAD(aad(final));
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function decryptChunk(key: Buffer, index: number, sealed: Buffer, final: boolean): Buffer | null {
  if (sealed.length < TAG) return null;
  const decipher = createDecipheriv('aes-256-gcm', key, nonce(index));
  decipher.setAAD(aad(final));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG)), decipher.final()]);
  } catch {
    return null;
  }
}

/** A stream that turns plaintext into a backup file (header first). */
export function encryptStream(key: Buffer, info: BackupInfo): Transform {
  const salt = randomBytes(SALT);
  const infoBytes = Buffer.from(JSON.stringify(info));
  const lengthBytes = Buffer.alloc(2);
  lengthBytes.writeUInt16BE(infoBytes.length);
  const head = Buffer.concat([MAGIC, salt, keyCheck(key, salt), lengthBytes, infoBytes]);
  const header = Buffer.concat([head, createHash('sha256').update(head).digest().subarray(0, SUM)]);
  const dataKey = fileKey(key, salt, head);
  let pending = Buffer.alloc(0);
  let index = 0;
  let started = false;

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (!started) {
        this.push(header);
        started = true;
      }
      pending = Buffer.concat([pending, chunk]);
      // Keep at least one byte back: only the last chunk may be marked final.
      while (pending.length > CHUNK_SIZE) {
        this.push(encryptChunk(dataKey, index++, pending.subarray(0, CHUNK_SIZE), false));
        pending = pending.subarray(CHUNK_SIZE);
      }
      done();
    },
    flush(done: TransformCallback) {
      if (!started) this.push(header);
      this.push(encryptChunk(dataKey, index, pending, true));
      done();
    },
  });
}

/** Reads and checks a backup's header: not a backup, another version, damaged header, wrong key. */
export function readHeader(bytes: Buffer, key: Buffer, name: string) {
  const notBackup = () =>
    new BackupFileError('not-a-backup', `${name} is not a backup made by \`npm run backup\` (it does not start like one).`);
  const magic = MAGIC.subarray(0, MAGIC.length - 1);
  const start = bytes.subarray(0, magic.length);
  if (!start.length || !magic.subarray(0, start.length).equals(start)) throw notBackup();
  if (bytes.length < FIXED) {
    throw new BackupFileError('truncated', `${name} is truncated: it ends inside its header (${bytes.length} bytes).`);
  }
  const version = bytes[MAGIC.length - 1]!;
  if (version !== FORMAT_VERSION) {
    throw new BackupFileError(
      'unsupported-version',
      `${name} is a backup in format ${version}; this version of the project reads format ${FORMAT_VERSION} only.`,
    );
  }
  const infoLength = bytes.readUInt16BE(FIXED - 2);
  const headerLength = FIXED + infoLength + SUM;
  if (bytes.length < headerLength) {
    throw new BackupFileError('truncated', `${name} is truncated: it ends inside its header (${bytes.length} bytes).`);
  }
  const head = bytes.subarray(0, FIXED + infoLength);
  if (
    !createHash('sha256')
      .update(head)
      .digest()
      .subarray(0, SUM)
      .equals(bytes.subarray(FIXED + infoLength, headerLength))
  ) {
    throw new BackupFileError('damaged', `${name} is damaged: its header does not match its checksum.`);
  }
  const salt = bytes.subarray(MAGIC.length, MAGIC.length + SALT);
  if (!timingSafeEqual(keyCheck(key, salt), bytes.subarray(MAGIC.length + SALT, MAGIC.length + SALT + CHECK))) {
    throw new BackupFileError(
      'wrong-key',
      `${name} was made with a different backup key than the one given: use the key that was printed when backups began (or its copy).`,
    );
  }
  let info: BackupInfo;
  try {
    info = JSON.parse(bytes.subarray(FIXED, FIXED + infoLength).toString('utf8')) as BackupInfo;
  } catch {
    throw new BackupFileError('damaged', `${name} is damaged: its header cannot be read.`);
  }
  return { info, headerLength, dataKey: fileKey(key, Buffer.from(salt), Buffer.from(head)) };
}

/**
 * A stream that turns a backup file into its plaintext, checking every chunk; it fails with a
 * BackupFileError on a wrong key, a damaged chunk or a truncated file. Use the output only once the
 * stream has ended without error.
 */
export function decryptStream(key: Buffer, name: string, onInfo?: (info: BackupInfo) => void): Transform {
  let buffered = Buffer.alloc(0);
  let dataKey: Buffer | null = null;
  let index = 0;
  let offset = 0;
  const sealedSize = CHUNK_SIZE + TAG;

  const damaged = (at: number) =>
    new BackupFileError(
      'damaged',
      `${name} is damaged: the part at bytes ${at}–${at + sealedSize - 1} fails its integrity check. Restore from another copy.`,
    );

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      buffered = Buffer.concat([buffered, chunk]);
      try {
        if (!dataKey) {
          if (buffered.length < FIXED) return done();
          const infoLength = buffered.readUInt16BE(FIXED - 2);
          if (buffered.length < FIXED + infoLength + SUM) return done();
          const header = readHeader(buffered, key, name);
          dataKey = header.dataKey;
          onInfo?.(header.info);
          buffered = buffered.subarray(header.headerLength);
          offset = header.headerLength;
        }
        // A full chunk followed by more data is not the last one.
        while (buffered.length > sealedSize) {
          const plain = decryptChunk(dataKey, index, buffered.subarray(0, sealedSize), false);
          if (!plain) throw damaged(offset);
          this.push(plain);
          index++;
          offset += sealedSize;
          buffered = buffered.subarray(sealedSize);
        }
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        if (!dataKey) {
          readHeader(buffered, key, name);
          throw new BackupFileError('truncated', `${name} is truncated: it ends inside its header.`);
        }
        const plain = decryptChunk(dataKey, index, buffered, true);
        if (plain) {
          this.push(plain);
          return done();
        }
        if (buffered.length === sealedSize && decryptChunk(dataKey, index, buffered, false)) {
          throw new BackupFileError(
            'truncated',
            `${name} is truncated: it ends after ${offset + buffered.length} bytes, before its last part. Restore from another copy.`,
          );
        }
        throw new BackupFileError(
          'truncated',
          `${name} is truncated or damaged at its end (after byte ${offset}): its last part fails its integrity check. Restore from another copy.`,
        );
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

/** Encrypts a file into a backup file (written as `to`, mode 600). */
export async function encryptFile(key: Buffer, from: string, to: string, info: BackupInfo) {
  await pipeline(fs.createReadStream(from), encryptStream(key, info), fs.createWriteStream(to, { mode: 0o600 }));
}

/** Decrypts and checks a whole backup file into `to` (mode 600); `to` is removed if anything fails. */
export async function decryptFile(key: Buffer, from: string, to: string, name = from): Promise<BackupInfo> {
  let info: BackupInfo | undefined;
  try {
    await pipeline(
      fs.createReadStream(from),
      decryptStream(key, name, (found) => (info = found)),
      fs.createWriteStream(to, { mode: 0o600 }),
    );
  } catch (error) {
    fs.rmSync(to, { force: true });
    throw error;
  }
  return info!;
}
