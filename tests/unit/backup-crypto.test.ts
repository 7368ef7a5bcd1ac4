import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import {
  BackupFileError,
  CHUNK_SIZE,
  decryptStream,
  encryptStream,
  newBackupKey,
  parseBackupKey,
  readHeader,
} from '../../scripts/lib/backup-crypto';

const key = parseBackupKey(newBackupKey(), 'test key');
const info = { created: '2026-11-28T12:00:00.000Z', strapi: '5.54.0' };

/** Feeds the input in small pieces, as a file read would, to exercise the chunk buffering. */
const pieces = (bytes: Buffer, size = 10_007) =>
  Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)));

const encrypt = (plain: Buffer) => buffer(pieces(plain).pipe(encryptStream(key, info)));
const decrypt = (sealed: Buffer, withKey = key) => buffer(pieces(sealed).pipe(decryptStream(withKey, 'x.backup')));

async function refusal(sealed: Buffer, withKey = key): Promise<BackupFileError> {
  try {
    await decrypt(sealed, withKey);
  } catch (error) {
    expect(error).toBeInstanceOf(BackupFileError);
    return error as BackupFileError;
  }
  throw new Error('decryption succeeded');
}

describe('backup file format', () => {
  it.each([0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3 * CHUNK_SIZE, 200_003])('round-trips %i bytes', async (size) => {
    const plain = randomBytes(size);
    const sealed = await encrypt(plain);
    expect((await decrypt(sealed)).equals(plain)).toBe(true);
    expect(sealed.includes(plain.subarray(0, 32)) && size >= 32).toBe(false);
  });

  it('reads its header: the info, and the key check', async () => {
    const sealed = await encrypt(Buffer.from('hello'));
    expect(readHeader(sealed, key, 'x').info).toEqual(info);
    expect(() => readHeader(sealed, parseBackupKey(newBackupKey(), 'k'), 'x')).toThrow(/different backup key/);
  });

  it('encrypts the same content differently every time', async () => {
    const plain = Buffer.from('same');
    expect((await encrypt(plain)).equals(await encrypt(plain))).toBe(false);
  });

  it('tells a wrong key from a damaged file', async () => {
    const sealed = await encrypt(randomBytes(3 * CHUNK_SIZE));
    expect((await refusal(sealed, parseBackupKey(newBackupKey(), 'k'))).kind).toBe('wrong-key');
    for (const at of [200, CHUNK_SIZE + 500, sealed.length - 3]) {
      const flipped = Buffer.from(sealed);
      flipped[at]! ^= 0x80;
      const error = await refusal(flipped);
      expect(['damaged', 'truncated']).toContain(error.kind);
      expect(error.message).not.toMatch(/different backup key/);
    }
    const headerFlip = Buffer.from(sealed);
    headerFlip[20]! ^= 1;
    expect((await refusal(headerFlip)).kind).toBe('damaged');
  });

  it('refuses a file cut anywhere, including exactly between two parts', async () => {
    const sealed = await encrypt(randomBytes(3 * CHUNK_SIZE + 10));
    const header = sealed.length - (3 * (CHUNK_SIZE + 16) + 10 + 16);
    for (const length of [5, 30, header, header + CHUNK_SIZE + 16, header + 2 * (CHUNK_SIZE + 16), sealed.length - 1]) {
      expect((await refusal(sealed.subarray(0, length))).kind, `cut at ${length}`).toBe('truncated');
    }
    const appended = Buffer.concat([sealed, Buffer.from('x')]);
    expect(['damaged', 'truncated']).toContain((await refusal(appended)).kind);
  });

  it('refuses what is not a backup, and keys that are not keys', async () => {
    expect((await refusal(Buffer.from('SQLite format 3\0 and more bytes'))).kind).toBe('not-a-backup');
    expect((await refusal(Buffer.alloc(0))).kind).toBe('not-a-backup');
    expect(() => parseBackupKey('too-short', 'BACKUP_KEY')).toThrow(/BACKUP_KEY is not a backup key/);
    expect(() => parseBackupKey(`${newBackupKey()}!`, 'BACKUP_KEY')).toThrow(/not a backup key/);
    expect(parseBackupKey(randomBytes(32).toString('base64'), 'k')).toHaveLength(32);
  });
});
