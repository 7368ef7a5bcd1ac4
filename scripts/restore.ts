import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { BackupFileError, decryptFile, readHeader } from './lib/backup-crypto';
import {
  backupKey,
  cmsDatabase,
  cmsPublicDir,
  cmsSettings,
  databaseEnv,
  parseOptions,
  processesUsing,
  Refusal,
  servingCms,
  stamp,
  withPgServer,
  alsoOnInterrupt,
  workFolder,
  type Database,
} from './lib/backup';
import { quoteIdent } from './lib/postgres';

/**
 * `npm run restore FILE [-- --key-file FILE] [--yes]`: checks the whole backup first (key, every
 * part, nothing missing), then imports it into a FRESH database and a fresh uploads folder, and
 * only when that succeeded swaps them in, keeping the previous ones as dated copies. The CMS must be
 * stopped. See README, "Backups".
 */
const USAGE = 'Usage: npm run restore FILE [-- --key-file FILE] [--yes]';

type Postgres = Extract<Database, { client: 'postgres' }>;

async function confirm(question: string) {
  if (!process.stdin.isTTY) throw new Refusal(`${question}\nRun again with --yes to confirm (no terminal to ask on).`);
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question(`${question} Type yes to go on: `);
  prompt.close();
  if (answer.trim().toLowerCase() !== 'yes') throw new Refusal('Nothing was changed.');
}

async function refuseIfInUse(database: Database) {
  const serving = await servingCms();
  if (serving)
    throw new Refusal(`The CMS is running (${serving} answers). Stop it first (Ctrl-C in \`npm start\`), then restore.`);
  if (database.client === 'sqlite') {
    const users = processesUsing(database.file);
    if (users.length) {
      throw new Refusal(
        `${database.file} is open in another process (pid ${users.join(', ')}), probably the CMS: stop it first, then restore.`,
      );
    }
  } else {
    const sessions = await withPgServer(database, async (client) => {
      const { rows } = await client.query<{ count: string }>(
        'select count(*) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [database.name],
      );
      return Number(rows[0]?.count ?? 0);
    });
    if (sessions) {
      throw new Refusal(`${database.label} has ${sessions} open connection(s), probably the CMS: stop it first, then restore.`);
    }
  }
}

/**
 * The database to import into, beside the current one: a copy of it (so that what Strapi never
 * exports, admin accounts and API tokens, stays as `strapi import` would leave it), or an empty one
 * on a new machine. The import then replaces all content in the copy; the current one is not touched.
 */
async function freshDatabase(database: Database, when: string): Promise<string> {
  if (database.client === 'sqlite') {
    const fresh = `${database.file}.restoring-${when}`;
    fs.mkdirSync(path.dirname(fresh), { recursive: true });
    for (const suffix of ['', '-wal']) {
      fs.rmSync(`${fresh}${suffix}`, { force: true });
      if (fs.existsSync(`${database.file}${suffix}`)) fs.copyFileSync(`${database.file}${suffix}`, `${fresh}${suffix}`);
    }
    return fresh;
  }
  const fresh = `${database.name.slice(0, 30)}_restoring_${when.toLowerCase()}`;
  await withPgServer(database, async (client) => {
    const { rows } = await client.query('select 1 from pg_database where datname = $1', [database.name]);
    try {
      await client.query(`create database ${quoteIdent(fresh)}${rows.length ? ` template ${quoteIdent(database.name)}` : ''}`);
    } catch (error) {
      throw new Refusal(
        `Could not create the database "${fresh}" to restore into (${(error as Error).message}). The restore needs a ` +
          'role allowed to create databases (CREATEDB) on this server, and nobody connected to the current one; nothing was changed.',
      );
    }
  });
  return fresh;
}

async function dropFresh(database: Database, fresh: string) {
  if (database.client === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${fresh}${suffix}`, { force: true });
  } else {
    await withPgServer(database, (client) => client.query(`drop database if exists ${quoteIdent(fresh)} with (force)`));
  }
}

/** Puts the fresh database in place of the current one, which is kept under a dated name. */
async function swapDatabase(database: Database, fresh: string, when: string): Promise<string | null> {
  if (database.client === 'sqlite') {
    const previous = `${database.file}.before-restore-${when}`;
    const had = fs.existsSync(database.file);
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(`${database.file}${suffix}`)) fs.renameSync(`${database.file}${suffix}`, `${previous}${suffix}`);
    }
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(`${fresh}${suffix}`)) fs.renameSync(`${fresh}${suffix}`, `${database.file}${suffix}`);
    }
    return had ? previous : null;
  }
  const pg = database as Postgres;
  const previous = `${pg.name.slice(0, 30)}_before_restore_${when.toLowerCase()}`;
  return withPgServer(pg, async (client) => {
    const { rows } = await client.query('select 1 from pg_database where datname = $1', [pg.name]);
    if (rows.length) await client.query(`alter database ${quoteIdent(pg.name)} rename to ${quoteIdent(previous)}`);
    try {
      await client.query(`alter database ${quoteIdent(fresh)} rename to ${quoteIdent(pg.name)}`);
    } catch (error) {
      throw new Error(
        `The restored database "${fresh}" could not be renamed to "${pg.name}" (${(error as Error).message}); the previous ` +
          `one is now "${previous}". Rename by hand: ALTER DATABASE "${fresh}" RENAME TO "${pg.name}"; or back: ` +
          `ALTER DATABASE "${previous}" RENAME TO "${pg.name}".`,
      );
    }
    return rows.length ? `PostgreSQL database "${previous}"` : null;
  });
}

async function main() {
  const { values, flags, positional } = parseOptions(process.argv.slice(2), { values: ['key-file'], flags: ['yes'] });
  if (positional.length !== 1) throw new Refusal(USAGE);
  const file = path.resolve(positional[0]!);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new Refusal(`No backup file ${file}.`);
  const { key } = backupKey({ keyFile: values['key-file'], create: false });
  const name = path.basename(file);

  // 1. The header alone: not a backup, another format, a wrong key. Nothing else is read yet.
  const head = Buffer.alloc(Math.min(fs.statSync(file).size, 70_000));
  const descriptor = fs.openSync(file, 'r');
  fs.readSync(descriptor, head, 0, head.length, 0);
  fs.closeSync(descriptor);
  const { info } = readHeader(head, key, name);

  const settings = cmsSettings();
  const database = cmsDatabase(settings);
  const publicDir = cmsPublicDir(settings);
  await refuseIfInUse(database);

  // 2. The whole file, every part checked, into a private working folder beside the database.
  const work = workFolder('restore');
  const when = stamp();
  const freshPublic = path.join(path.dirname(publicDir), `.public-restoring-${when}`);
  let fresh: string | null = null;
  let keepFreshPublic = false;
  // Before the swap, an interruption leaves everything as it was (a fresh PostgreSQL database may stay: its name says so).
  const forget = alsoOnInterrupt(() => {
    fs.rmSync(freshPublic, { recursive: true, force: true });
    if (fresh && database.client === 'sqlite')
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${fresh}${suffix}`, { force: true });
  });
  try {
    const archive = path.join(work.dir, 'export.tar.gz');
    console.error(`Checking ${name} (made ${info.created})…`);
    await decryptFile(key, file, archive, name);

    if (!flags.has('yes')) {
      await confirm(
        `This replaces the content of ${database.label} and the uploads in ${path.join(publicDir, 'uploads')} with the ` +
          `backup of ${info.created} (the current ones are kept as dated copies).`,
      );
    }

    // 3. Into a fresh database and uploads folder; the current ones are not touched.
    fresh = await freshDatabase(database, when);
    fs.mkdirSync(path.join(freshPublic, 'uploads'), { recursive: true });
    console.error(`Importing into ${database.client === 'sqlite' ? fresh : `the new database "${fresh}"`}…`);
    Object.assign(process.env, databaseEnv(database, fresh), { PUBLIC_DIR: freshPublic });
    const { importStrapi } = await import('./lib/backup-strapi');
    try {
      await importStrapi(archive);
    } catch (error) {
      await dropFresh(database, fresh);
      throw new Error(`${(error as Error).message}\nNothing was changed: ${database.label} and its uploads are as they were.`);
    }

    // 4. The swap: database, then uploads; the previous ones keep a dated name.
    await refuseIfInUse(database);
    forget();
    const previousDatabase = await swapDatabase(database, fresh, when);
    fresh = null;
    const uploads = path.join(publicDir, 'uploads');
    const previousUploads = path.join(path.dirname(publicDir), `.uploads-before-restore-${when}`);
    try {
      fs.mkdirSync(publicDir, { recursive: true });
      if (fs.existsSync(uploads)) fs.renameSync(uploads, previousUploads);
      fs.renameSync(path.join(freshPublic, 'uploads'), uploads);
    } catch (error) {
      keepFreshPublic = true;
      throw new Error(
        `The database is restored, but the uploads could not be swapped (${(error as Error).message}). The restored ` +
          `uploads are in ${path.join(freshPublic, 'uploads')}: move them to ${uploads} before starting the CMS` +
          (fs.existsSync(previousUploads) ? ` (the previous ones are in ${previousUploads}).` : '.'),
      );
    }
    fs.rmSync(freshPublic, { recursive: true, force: true });

    console.log(`Restored ${name} (made ${info.created}).`);
    console.log(`  database  ${database.label}${previousDatabase ? `; the previous one is kept as ${previousDatabase}` : ''}`);
    console.log(
      `  uploads   ${uploads}${fs.existsSync(previousUploads) ? `; the previous ones are kept in ${previousUploads}` : ''}`,
    );
    console.log(
      previousDatabase
        ? 'Delete the previous copies once the restored CMS looks right. Admin accounts and API tokens are not in a' +
            ' backup: those of the previous database were kept.'
        : 'Admin accounts and API tokens are not in a backup: create the first admin (README, "The first admin") and any' +
            ' API token you need again.',
    );
  } finally {
    if (fresh) await dropFresh(database, fresh).catch(() => undefined);
    forget();
    work.done();
    if (!keepFreshPublic) fs.rmSync(freshPublic, { recursive: true, force: true });
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  if (error instanceof Refusal || error instanceof BackupFileError) console.error(error.message);
  else console.error(`Restore failed: ${(error as Error).message}`);
  process.exit(1);
}
