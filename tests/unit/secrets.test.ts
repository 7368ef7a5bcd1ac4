import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureSecrets, parseEnv } from '../../scripts/lib/secrets';

const tempFiles = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-'));
  return { cms: path.join(dir, 'cms.env'), web: path.join(dir, 'web.env') };
};

describe('ensureSecrets', () => {
  it('generates every secret once, readable by the owner only, and shares the site secrets', () => {
    const files = tempFiles();
    ensureSecrets(files);
    const cms = parseEnv(fs.readFileSync(files.cms, 'utf8'));
    const web = parseEnv(fs.readFileSync(files.web, 'utf8'));

    for (const name of [
      'APP_KEYS',
      'API_TOKEN_SALT',
      'ADMIN_JWT_SECRET',
      'TRANSFER_TOKEN_SALT',
      'JWT_SECRET',
      'ENCRYPTION_KEY',
    ]) {
      expect(cms[name]?.length, name).toBeGreaterThanOrEqual(32);
      expect(web[name], `${name} stays out of the site`).toBeUndefined();
    }
    expect(cms.APP_KEYS!.split(',')).toHaveLength(4);
    expect(web.REVALIDATE_SECRET).toBe(cms.REVALIDATE_SECRET);
    expect(web.PREVIEW_SECRET).toBe(cms.PREVIEW_SECRET);
    expect(fs.statSync(files.cms).mode & 0o777).toBe(0o600);
    expect(fs.statSync(files.web).mode & 0o777).toBe(0o600);
  });

  it('keeps existing secrets and other settings on later runs', () => {
    const files = tempFiles();
    ensureSecrets(files);
    fs.appendFileSync(files.cms, 'ADMIN_EMAIL=editor@example.org\n');
    const before = fs.readFileSync(files.cms, 'utf8');
    expect(ensureSecrets(files).created).toEqual([]);
    expect(fs.readFileSync(files.cms, 'utf8')).toBe(before);
  });

  it('fills in only what is missing, reusing the shared secret from the other file', () => {
    const files = tempFiles();
    ensureSecrets(files);
    const shared = parseEnv(fs.readFileSync(files.cms, 'utf8')).REVALIDATE_SECRET;
    fs.rmSync(files.web);
    ensureSecrets(files);
    expect(parseEnv(fs.readFileSync(files.web, 'utf8')).REVALIDATE_SECRET).toBe(shared);
  });

  it('generates different secrets on different installations', () => {
    const [a, b] = [tempFiles(), tempFiles()];
    ensureSecrets(a);
    ensureSecrets(b);
    expect(parseEnv(fs.readFileSync(a.cms, 'utf8')).APP_KEYS).not.toBe(parseEnv(fs.readFileSync(b.cms, 'utf8')).APP_KEYS);
  });
});
