import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../scripts/lib/repo-dirs';

export type SeedVersion = { slug: string; title: string; published: boolean };

/** The seeded articles (cms/seed/articles/<name>/<locale>.md): name → locale → slug, title, status. */
export function seededArticles(): Record<string, Record<string, SeedVersion>> {
  const dir = path.join(ROOT, 'cms/seed/articles');
  const articles: Record<string, Record<string, SeedVersion>> = {};
  for (const name of fs.readdirSync(dir)) {
    articles[name] = {};
    for (const file of fs.readdirSync(path.join(dir, name))) {
      const text = fs.readFileSync(path.join(dir, name, file), 'utf8');
      const field = (key: string) => new RegExp(`^${key}:\\s*"?(.*?)"?\\s*$`, 'm').exec(text)?.[1] ?? '';
      articles[name]![path.basename(file, '.md')] = {
        slug: field('slug'),
        title: field('title'),
        published: field('status') !== 'draft',
      };
    }
  }
  return articles;
}

export const locales: { code: string; name: string; dir: 'ltr' | 'rtl' }[] = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'locales/locales.json'), 'utf8'),
).locales;

export function messages(locale: string): Record<string, Record<string, string>> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, `locales/${locale}.json`), 'utf8'));
}
