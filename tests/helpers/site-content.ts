import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../scripts/lib/repo-dirs';
import { readArticleSeeds } from '../../scripts/lib/seed-files';

/** What the site is expected to show: the seeded content and the interface strings, read from the repository. */

export type SeedVersion = { slug: string; title: string; published: boolean };

/** The seeded articles (cms/seed/articles/<name>/<locale>.md): name → locale → slug, title, status. */
export function seededArticles(): Record<string, Record<string, SeedVersion>> {
  return Object.fromEntries(
    readArticleSeeds().map((versions) => [
      versions[0]!.key,
      Object.fromEntries(
        versions.map((version) => [
          version.locale,
          { slug: version.slug, title: version.title, published: version.status === 'published' },
        ]),
      ),
    ]),
  );
}

export const locales: { code: string; name: string; dir: 'ltr' | 'rtl' }[] = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'locales/locales.json'), 'utf8'),
).locales;

export function messages(locale: string): Record<string, Record<string, string>> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, `locales/${locale}.json`), 'utf8'));
}
