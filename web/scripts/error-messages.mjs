// Writes src/i18n/generated/error-messages.json: the ErrorPage strings of every locale in
// locales/locales.json. The error boundary is a client component without next-intl's provider, so
// it gets only these few strings instead of whole catalogs. Run by `npm run codegen`.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { locales } = require('@publication/locales/locales.json');
const out = Object.fromEntries(locales.map(({ code }) => [code, require(`@publication/locales/${code}.json`).ErrorPage]));
const file = path.join(
  import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname),
  '../src/i18n/generated/error-messages.json',
);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
