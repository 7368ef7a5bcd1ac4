import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { markdownToBlocks, type Block } from './blocks';
import { SEED_DIR } from './repo-dirs';

export type ReviewState = 'machine-assisted' | 'human-reviewed';
type Common = {
  locale: string;
  title: string;
  body: Block[];
  seo?: { metaTitle?: string; metaDescription?: string };
  translation: { translator: string | null; reviewState: ReviewState };
};
export type StatementSeed = Common & { lead: string; callToAction: string };
export type ArticleSeed = Common & {
  key: string;
  slug: string;
  excerpt: string;
  status: 'published' | 'draft';
  /** A media file of the seed folder (`media/x.png`): the cover every locale shares. */
  cover?: string;
};
/** The media library's own fields for a seed image (cms/seed/media/media.yaml). */
export type MediaSeed = { file: string; alternativeText: string };

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

export function parseSeedFile(text: string): { data: Record<string, any>; markdown: string } {
  const match = FRONT_MATTER.exec(text);
  if (!match) throw new Error('A seed file must start with a front matter block between --- lines');
  return { data: (parseYaml(match[1]!) ?? {}) as Record<string, any>, markdown: match[2]!.trim() };
}

function common(file: string, locale: string): { data: Record<string, any>; base: Common } {
  const { data, markdown } = parseSeedFile(fs.readFileSync(file, 'utf8'));
  if (typeof data.title !== 'string' || !data.title.trim()) throw new Error(`${file}: title is missing`);
  const reviewState = data.translation?.reviewState ?? 'machine-assisted';
  if (reviewState !== 'machine-assisted' && reviewState !== 'human-reviewed') {
    throw new Error(`${file}: translation.reviewState must be machine-assisted or human-reviewed`);
  }
  return {
    data,
    base: {
      locale,
      title: data.title,
      body: markdownToBlocks(markdown),
      seo: data.seo ?? undefined,
      translation: { translator: data.translation?.translator ?? null, reviewState },
    },
  };
}

const localesIn = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.slice(0, -3))
    .sort();

export function readStatementSeeds(dir = path.join(SEED_DIR, 'statement')): StatementSeed[] {
  return localesIn(dir).map((locale) => {
    const { data, base } = common(path.join(dir, `${locale}.md`), locale);
    return { ...base, lead: data.lead ?? '', callToAction: data.callToAction ?? '' };
  });
}

export function readArticleSeeds(dir = path.join(SEED_DIR, 'articles')): ArticleSeed[][] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((key) =>
      localesIn(path.join(dir, key)).map((locale) => {
        const { data, base } = common(path.join(dir, key, `${locale}.md`), locale);
        return {
          ...base,
          key,
          slug: String(data.slug ?? ''),
          excerpt: data.excerpt ?? '',
          status: data.status === 'draft' ? 'draft' : 'published',
          ...(data.cover ? { cover: String(data.cover) } : {}),
        } satisfies ArticleSeed;
      }),
    );
}

/** A seed image: its file in cms/seed/ (`media/x.png`) and its library fields from media/media.yaml. */
export function readMediaSeed(reference: string, dir = SEED_DIR): MediaSeed {
  const file = path.resolve(dir, reference);
  if (!file.startsWith(path.join(dir, 'media') + path.sep) || !fs.existsSync(file)) {
    throw new Error(`${reference}: not an image of cms/seed/media/`);
  }
  const manifest = (parseYaml(fs.readFileSync(path.join(dir, 'media/media.yaml'), 'utf8')) ?? {}) as Record<
    string,
    { alternativeText?: string }
  >;
  const alternativeText = manifest[path.basename(file)]?.alternativeText;
  if (!alternativeText) throw new Error(`${reference}: give it an alternativeText in cms/seed/media/media.yaml`);
  return { file, alternativeText };
}
