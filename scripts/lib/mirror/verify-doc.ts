import { MANIFEST_FILE, PUBLIC_KEY_FILE, SIGNATURE_FILE, SUMS_FILE } from './manifest';
import { paths } from '../../../web/src/lib/paths';

export const VERIFY_FILE = 'VERIFY.txt';

/** The bundle's own instructions: how anyone checks that not a byte of the copy was changed. */
export function verifyText(origin: string): string {
  const keyUrl = `${origin}${paths.mirrorKey()}`;
  return `How to check this copy
======================

This folder is a copy of ${origin}/. ${SUMS_FILE} lists the SHA-256 of every file in it
(${MANIFEST_FILE} says the same with sizes and dates), and ${SIGNATURE_FILE} is the Ed25519
signature of ${SUMS_FILE}, made with the site's key. ${PUBLIC_KEY_FILE} is the public key, but
a copy could carry a forged one: check with the key the site publishes at
${keyUrl}
(and in its README), obtained from a source you trust.

With OpenSSL 3 and coreutils, in this folder, with the trusted key saved as key.pem:

  openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in ${SUMS_FILE} -sigfile ${SIGNATURE_FILE}
  sha256sum --strict -c --quiet ${SUMS_FILE}
  find . -type f ! -name ${SUMS_FILE} ! -name ${SIGNATURE_FILE} | sed 's|^\\./||' | LC_ALL=C sort > /tmp/on-disk
  cut -c67- ${SUMS_FILE} | LC_ALL=C sort | diff - /tmp/on-disk

The first says "Signature Verified Successfully", the second prints nothing (or names each file
that differs or is missing), the last prints nothing (or names each file added, with ">").

With the site's code (Node): npm run mirror -- verify FOLDER --key key.pem
`;
}
