import fs from 'node:fs';
import path from 'node:path';
import { encryptFile } from './lib/backup-crypto';
import { exportStrapi } from './lib/backup-strapi';
import {
  BACKUPS_DIR,
  backupKey,
  backupName,
  backupsToDelete,
  cmsDatabase,
  parseOptions,
  Refusal,
  RETENTION,
  alsoOnInterrupt,
  workFolder,
} from './lib/backup';

/**
 * `npm run backup [-- --out FILE|DIR/] [--key-file FILE] [--prune]`: Strapi's export of the CMS (every
 * document in every locale, drafts included, links, uploads, configuration), encrypted with the
 * backup key. Works while the CMS is running. --prune then applies the retention rule to the
 * backups in the output's folder. See README, "Backups".
 */
const USAGE = 'Usage: npm run backup [-- --out FILE|DIR/] [--key-file FILE] [--prune]';

async function main() {
  const { values, flags, positional } = parseOptions(process.argv.slice(2), { values: ['out', 'key-file'], flags: ['prune'] });
  if (positional.length) throw new Refusal(USAGE);
  const database = cmsDatabase();
  if (database.client === 'sqlite' && !fs.existsSync(database.file)) {
    throw new Refusal(`There is nothing to back up: no database at ${database.file}.`);
  }
  const { key, source, created } = backupKey({ keyFile: values['key-file'], create: true });
  const when = new Date();
  // --out DIR/ (or an existing folder): the default name in that folder.
  const folder = !values.out || values.out.endsWith('/') || fs.statSync(values.out, { throwIfNoEntry: false })?.isDirectory();
  const out = path.resolve(folder ? path.join(values.out ?? BACKUPS_DIR, backupName(when)) : values.out!);
  if (fs.existsSync(out)) throw new Refusal(`${out} exists already: choose another --out.`);
  fs.mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });

  const work = workFolder('backup');
  const partial = `${out}.partial`;
  const forget = alsoOnInterrupt(() => fs.rmSync(partial, { force: true }));
  try {
    console.error(`Exporting ${database.label}…`);
    const exported = await exportStrapi(path.join(work.dir, 'export'));
    console.error('Encrypting…');
    await encryptFile(key, exported.file, partial, {
      created: when.toISOString(),
      strapi: exported.strapiVersion,
      database: database.client,
    });
    fs.renameSync(partial, out);
  } finally {
    work.done();
    forget();
    fs.rmSync(partial, { force: true });
  }

  const size = fs.statSync(out).size;
  console.log(`Backup written: ${out} (${(size / 1024 / 1024).toFixed(1)} MB), encrypted with the key in ${source}.`);
  if (flags.has('prune')) {
    const folder = path.dirname(out);
    const doomed = backupsToDelete(fs.readdirSync(folder));
    for (const name of doomed) fs.rmSync(path.join(folder, name));
    console.log(
      `Retention (${RETENTION.daily} daily, ${RETENTION.weekly} weekly, ${RETENTION.monthly} monthly): ` +
        (doomed.length ? `deleted ${doomed.join(', ')}.` : 'nothing to delete.'),
    );
  }
  if (created) {
    console.log(`
A backup key was generated and saved in cms/.env (BACKUP_KEY). It is shown this once:

  ${created}

Keep a copy somewhere other than this machine (a password manager, on paper): without this key no
backup can be restored, and whoever has it and a backup can read every draft.`);
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(error instanceof Refusal ? error.message : `Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
