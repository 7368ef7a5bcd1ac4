import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { SEED_DIR } from '../../scripts/lib/repo-dirs';
import { readArticleSeeds } from '../../scripts/lib/seed-files';
import { graphql, runSeed } from '../helpers/cms';
import { createDatabase, databaseServer, queryDb, type CmsDatabase } from '../helpers/db';

const database = inject('cmsDatabase');
const env = inject('cmsEnv');
const cmsUrl = inject('cmsUrl');

/** Every row of the content tables, with timestamps: what a second seed must leave untouched. */
const snapshot = (db: CmsDatabase) =>
  Object.fromEntries(
    [
      'articles',
      'statements',
      'components_shared_seos',
      'components_shared_translations',
      'articles_cmps',
      'statements_cmps',
      'files',
      'files_related_mph',
    ].map((table) => [table, queryDb(db, `select * from ${table} order by id`)]),
  );

describe('the seed', () => {
  it('is idempotent: a second run changes and duplicates nothing', () => {
    const before = snapshot(database);
    expect(before.articles?.length).toBeGreaterThan(0);
    const output = runSeed(env);
    expect(output).toMatch(/created 0,/);
    expect(snapshot(database)).toEqual(before);
  }, 60_000);
});

describe('the seed image', () => {
  const illustrated = readArticleSeeds().find((versions) => versions.some((version) => version.cover))!;

  it.each(illustrated.map((version) => version.locale))(
    'is the cover and a body image of the illustrated article in %s',
    async (locale) => {
      const slug = illustrated.find((version) => version.locale === locale)!.slug;
      const { body } = await graphql(
        { graphqlUrl: `${cmsUrl}/graphql` },
        'query($locale: I18NLocaleCode!, $slug: String!) { articles(locale: $locale, filters: { slug: { eq: $slug } }) { cover { url alternativeText width height mime } body } }',
        { locale, slug },
      );
      expect(body.errors).toBeUndefined();
      const [article] = body.data.articles;
      expect(article.cover).toMatchObject({
        url: expect.stringMatching(/^\/uploads\/candle_\w+\.png$/),
        mime: 'image/png',
        width: 1200,
        height: 675,
      });
      const image = (article.body as { type: string; image?: { url: string; alternativeText: string } }[]).find(
        (block) => block.type === 'image',
      );
      expect(image?.image?.url).toBe(article.cover.url);
      const written = /!\[([^\]]+)\]/.exec(
        fs.readFileSync(path.join(SEED_DIR, 'articles', illustrated[0]!.key, `${locale}.md`), 'utf8'),
      )?.[1];
      expect(image?.image?.alternativeText).toBe(written);

      const file = await fetch(`${cmsUrl}${article.cover.url}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toMatch(/^image\/png/);
      expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    },
  );
});

describe('the first admin', () => {
  it('is created from ADMIN_EMAIL and ADMIN_PASSWORD, once, with a hashed password', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-'));
    const fresh = createDatabase(databaseServer(), dir);
    const adminEnv = {
      ...env,
      ...fresh.env,
      ADMIN_EMAIL: 'Editor@Example.org',
      ADMIN_PASSWORD: 'A-long-test-passphrase-42',
    };
    runSeed(adminEnv);
    runSeed(adminEnv);
    const admins = queryDb(fresh.database, 'select email, password, is_active from admin_users');
    expect(admins).toHaveLength(1);
    expect(admins[0]!.email).toBe('editor@example.org');
    expect(admins[0]!.password).toMatch(/^\$2[aby]\$/);
    expect(admins[0]!.password).not.toContain(adminEnv.ADMIN_PASSWORD);
    fresh.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 240_000);
});
