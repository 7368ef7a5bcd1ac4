import { createRequire } from 'node:module';
import path from 'node:path';

type Database = {
  prepare: (sql: string) => { all: (...params: unknown[]) => any[]; get: (...params: unknown[]) => any };
  close: () => void;
};

/** Reads a test CMS's SQLite file directly (read-only), to check what the API must not reveal. */
export function readDb<T>(file: string, read: (db: Database) => T): T {
  const BetterSqlite3 = createRequire(path.resolve(import.meta.dirname, '../../cms/package.json'))('better-sqlite3');
  const db: Database = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
