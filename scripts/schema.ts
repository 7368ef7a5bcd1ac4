import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WEB_DIR } from './lib/repo-dirs';
import { loadStrapi } from './lib/strapi-app';

/**
 * Writes the CMS's GraphQL schema to web/src/data/schema.graphql (committed), which the site's
 * codegen reads, so building the site needs neither a running CMS nor production introspection.
 */
const target = path.join(WEB_DIR, 'src/data/schema.graphql');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-'));
process.env.GRAPHQL_WRITE_SCHEMA = 'true';
process.env.GRAPHQL_SCHEMA_FILE = target;
process.env.DATABASE_CLIENT = 'sqlite';
process.env.DATABASE_FILENAME = path.join(scratch, 'schema.db');

fs.rmSync(target, { force: true });
const strapi = await loadStrapi();
// Nexus writes the file asynchronously after the schema is built.
for (let waited = 0; !fs.existsSync(target) && waited < 15_000; waited += 100) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await strapi.destroy();
if (!fs.existsSync(target)) throw new Error('Strapi did not write the GraphQL schema');
fs.rmSync(scratch, { recursive: true, force: true });
console.log(`GraphQL schema written to ${target}`);
process.exit(0);
