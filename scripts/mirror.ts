/**
 * npm run mirror -- --out DIR [--base-url URL] [--site URL] [--origin URL]
 * npm run mirror -- verify DIR|URL [--key FILE|URL]
 * npm run mirror -- key   (prints the public key)
 *
 * A static, script-free, signed copy of everything the site publishes (README, "Mirroring the site").
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { runtimeConfig } from './lib/config';
import { makeMirror } from './lib/mirror';
import { publicKeyPem, signingKey } from '../web/src/lib/mirror-key';
import { verifyMirror } from './lib/mirror/verify';
import { WEB_ENV_FILE } from './lib/repo-dirs';
import { parseEnv } from './lib/secrets';
import { paths } from '../web/src/lib/paths';

const webEnv = () => (fs.existsSync(WEB_ENV_FILE) ? parseEnv(fs.readFileSync(WEB_ENV_FILE, 'utf8')) : {});

function fail(message: string): never {
  console.error(`mirror: ${message}`);
  process.exit(2);
}

async function trustedKey(key: string | undefined, origin: string): Promise<string> {
  const where = key ?? `${origin}${paths.mirrorKey()}`;
  if (/^https?:\/\//.test(where)) {
    const response = await fetch(where).catch((error: Error) =>
      fail(`cannot fetch the key at ${where} (${error.message}); pass --key FILE`),
    );
    if (!response.ok) fail(`${where} answered ${response.status}; pass --key FILE`);
    return response.text();
  }
  if (!fs.existsSync(where)) fail(`${where}: no such key file`);
  return fs.readFileSync(where, 'utf8');
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        'base-url': { type: 'string' },
        site: { type: 'string' },
        origin: { type: 'string' },
        key: { type: 'string' },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  const config = runtimeConfig({ ...webEnv(), ...process.env });
  const origin = (values.origin ?? config.siteUrl).replace(/\/+$/, '');
  for (const [name, value] of [
    ['--base-url', values['base-url']],
    ['--site', values.site],
    ['--origin', values.origin],
  ] as const) {
    if (value !== undefined && !/^https?:\/\/[^/]/.test(value))
      fail(`${name} must be an http(s) URL, not ${JSON.stringify(value)}`);
  }

  if (positionals[0] === 'verify') {
    const location = positionals[1] ?? fail('usage: npm run mirror -- verify DIR|URL [--key FILE|URL]');
    const verdict = await verifyMirror(location, await trustedKey(values.key, origin)).catch((error: Error) =>
      fail(error.message),
    );
    for (const file of verdict.differs) console.log(`differs: ${file}`);
    for (const file of verdict.missing) console.log(`missing: ${file}`);
    for (const file of verdict.extra) console.log(`extra: ${file}`);
    for (const note of verdict.notes) console.log(`note: ${note}`);
    console.log(verdict.signature ? 'signature: valid' : 'signature: INVALID (not signed by this key, or SHA256SUMS changed)');
    console.log(verdict.ok ? `OK: ${verdict.checked} files, unaltered` : `FAILED: ${verdict.checked} files checked`);
    process.exit(verdict.ok ? 0 : 1);
  }
  if (positionals[0] === 'key') {
    // The public key, to publish (README) and to hand to groups through a channel they trust.
    try {
      process.stdout.write(publicKeyPem(signingKey(process.env.MIRROR_SIGNING_KEY || webEnv().MIRROR_SIGNING_KEY)));
    } catch (error) {
      fail((error as Error).message);
    }
    return;
  }
  if (positionals.length) fail(`unknown command ${positionals[0]}; usage: --out DIR [--base-url URL], or verify DIR|URL`);
  if (!values.out) fail('usage: npm run mirror -- --out DIR [--base-url URL] [--site URL] [--origin URL]');

  let key;
  try {
    key = signingKey(process.env.MIRROR_SIGNING_KEY || webEnv().MIRROR_SIGNING_KEY);
  } catch (error) {
    fail((error as Error).message);
  }
  const site = values.site ?? `http://${config.webHost}:${config.webPort}`;
  const result = await makeMirror({
    site,
    origin,
    out: values.out,
    baseUrl: values['base-url'],
    key,
    log: (line) => console.log(line),
  }).catch((error: Error) => fail(`${error.message} (is the site running at ${site}?)`));
  for (const file of result.written) console.log(`written: ${file}`);
  for (const file of result.removed) console.log(`removed: ${file}`);
}

await main();
