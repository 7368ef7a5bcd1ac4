import { mirrorPublicKeyPem } from '@/lib/mirror-key';
import { plainText } from '@/lib/responses';

// Read at run time from the site's secrets, never at build.
export const dynamic = 'force-dynamic';

/** The public key that checks a mirror bundle's signature (README, "Mirroring the site"). */
export function GET(): Response {
  const pem = mirrorPublicKeyPem(process.env.MIRROR_SIGNING_KEY);
  if (!pem) return plainText(404, 'Not found');
  return new Response(pem, {
    headers: { 'Content-Type': 'application/x-pem-file; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
}
