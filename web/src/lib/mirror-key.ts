import { createPrivateKey, createPublicKey } from 'node:crypto';

/**
 * The PEM public key of the Ed25519 key that signs mirror bundles, from the private key kept with
 * the site's secrets (MIRROR_SIGNING_KEY in web/.env: PKCS#8 DER, base64), or null when none is set
 * or it is not an Ed25519 key.
 */
export function mirrorPublicKeyPem(privateKey: string | undefined): string | null {
  if (!privateKey) return null;
  try {
    const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType !== 'ed25519') return null;
    return createPublicKey(key).export({ format: 'pem', type: 'spki' }).toString();
  } catch {
    return null;
  }
}
