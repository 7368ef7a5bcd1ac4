import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('installation', () => {
  it('keeps the site on React 19 and Strapi on React 18 (next must not be hoisted next to React 18)', () => {
    expect(fs.existsSync(path.join(root, 'web/node_modules/next/package.json'))).toBe(true);
    const webRequire = createRequire(path.join(root, 'web/package.json'));
    const cmsRequire = createRequire(path.join(root, 'cms/package.json'));
    expect(webRequire('react/package.json').version).toMatch(/^19\./);
    expect(cmsRequire('react/package.json').version).toMatch(/^18\./);
  });

  it('loads the native SQLite driver', () => {
    const Database = createRequire(path.join(root, 'cms/package.json'))('better-sqlite3');
    const db = new Database(':memory:');
    expect(db.prepare('select 1 as one').get()).toEqual({ one: 1 });
    db.close();
  });

  it('keeps every @strapi package on one version', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
    const versions = new Set(
      Object.entries(lock.packages as Record<string, { version?: string }>)
        .filter(([name]) =>
          /node_modules\/@strapi\/(strapi|plugin-graphql|plugin-users-permissions|core|utils|database|admin|i18n)$/.test(name),
        )
        .map(([, info]) => info.version),
    );
    expect([...versions]).toEqual(['5.54.0']);
  });
});
