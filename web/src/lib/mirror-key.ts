import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * The Ed25519 key that signs mirror bundles, kept with the site's secrets (MIRROR_SIGNING_KEY in
 * web/.env: PKCS#8 DER in base64, as scripts/lib/secrets.ts makes it).
 */
export function signingKey(base64: string | undefined): KeyObject {
  if (!base64) throw new Error('no MIRROR_SIGNING_KEY: run `npm run setup` (it generates one into web/.env) or set it');
  const key = createPrivateKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('MIRROR_SIGNING_KEY is not an Ed25519 key');
  return key;
}

export const publicKeyPem = (key: KeyObject) => createPublicKey(key).export({ format: 'pem', type: 'spki' }).toString();

/** The PEM public key of the signing key, or null when none is set or it is not an Ed25519 key. */
export function mirrorPublicKeyPem(privateKey: string | undefined): string | null {
  if (!privateKey) return null;
  try {
    return publicKeyPem(signingKey(privateKey));
  } catch {
    return null;
  }
}
