/**
 * A SYNTHETIC corpus for the scale benchmark: N articles in each of the four locales, of realistic
 * length (400–1,200 words in 5–16 paragraphs with headings, a title and an excerpt), made of
 * pseudo-sentences from small word lists in each script. Every title starts with "[synthetic",
 * every slug with "synthetic-", and the translator credit says it is benchmark data. It is never
 * part of the default seed: only the scale benchmark loads it, into its own SQLite file.
 *
 * Usage (loads into the database named by DATABASE_FILENAME, which must not be the real one):
 *   DATABASE_FILENAME=/tmp/x.db tsx scripts/bench/corpus.ts --articles 1000
 */
import type { Core } from '@strapi/strapi';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const WORDS: Record<string, string[]> = {
  en: `the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when if so no will more can who out them what some could into than other time then its only about people these also over new may after first two state law court years justice right rights victims families prisoners government report commission evidence trial testimony memory human international crime truth record witnesses archive public history statement prison`.split(
    ' ',
  ),
  fr: `le la les de des du un une et est en que qui dans pour pas sur au aux par plus avec son sa ses ce cette il elle ils nous vous leur été être avoir fait comme mais ou tout tous très sans sous entre après avant depuis justice droit droits victimes familles prisonniers gouvernement rapport commission preuves procès témoignage mémoire humain international crime vérité témoins archives public histoire déclaration prison`.split(
    ' ',
  ),
  fa: `و در به از که این را با است برای آن یک خود تا بر هم نیز شد می کرد شده بود ها اما یا هر دیگر پس بی چه همه دو سال زندان زندانیان عدالت حقوق قربانیان خانواده‌ها دولت گزارش کمیسیون شواهد دادگاه شهادت حافظه انسانی بین‌المللی جنایت حقیقت شاهدان بایگانی عمومی تاریخ بیانیه اعدام`.split(
    ' ',
  ),
  ar: `في من على إلى أن عن مع هذا هذه التي الذي كان قد لا ما كل بعد قبل بين حتى أو ثم هو هي لم لن كما عام السجن السجناء العدالة الحقوق الضحايا العائلات الحكومة تقرير لجنة أدلة محكمة شهادة ذاكرة إنسانية دولية جريمة الحقيقة الشهود الأرشيف العامة التاريخ البيان الإعدام`.split(
    ' ',
  ),
};

/** A small deterministic pseudo-random generator (mulberry32), so a corpus is the same every time. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

type Random = ReturnType<typeof random>;

function sentence(rng: Random, locale: string, min = 8, max = 20): string {
  const words = WORDS[locale] ?? WORDS.en!;
  const chosen = Array.from({ length: rng.int(min, max) }, () => words[rng.int(0, words.length - 1)]!);
  const text = chosen.join(' ');
  const end = locale === 'fa' || locale === 'ar' ? '.' : '.';
  return (/[a-z]/.test(text[0]!) ? text[0]!.toUpperCase() + text.slice(1) : text) + end;
}

const paragraphText = (rng: Random, locale: string) =>
  Array.from({ length: rng.int(3, 7) }, () => sentence(rng, locale)).join(' ');

export type Block = { type: 'paragraph' | 'heading'; level?: 2; children: { type: 'text'; text: string }[] };

export type SyntheticArticle = {
  title: string;
  slug: string;
  excerpt: string;
  body: Block[];
  translation: { translator: string; reviewState: 'machine-assisted' };
};

export const SYNTHETIC_TRANSLATOR = 'Synthetic benchmark corpus (not real content)';

export function syntheticSlug(index: number, locale: string): string {
  const number = String(index).padStart(4, '0');
  return locale === 'en' ? `synthetic-${number}` : `synthetic-${number}-${locale}`;
}

/** Article `index` (1-based) in `locale`: deterministic, 400–1,200 words. */
export function syntheticArticle(index: number, locale: string): SyntheticArticle {
  const rng = random(index * 7919 + locale.charCodeAt(0) * 31 + locale.charCodeAt(1));
  const targetWords = rng.int(400, 1200);
  const body: Block[] = [];
  let words = 0;
  while (words < targetWords) {
    if (body.length > 0 && body.length % 4 === 0) {
      body.push({ type: 'heading', level: 2, children: [{ type: 'text', text: sentence(rng, locale, 3, 7).slice(0, -1) }] });
    }
    const text = paragraphText(rng, locale);
    words += text.split(' ').length;
    body.push({ type: 'paragraph', children: [{ type: 'text', text }] });
  }
  return {
    title: `[synthetic ${String(index).padStart(4, '0')}] ${sentence(rng, locale, 5, 10).slice(0, -1)}`,
    slug: syntheticSlug(index, locale),
    excerpt: sentence(rng, locale, 20, 35),
    body,
    translation: { translator: SYNTHETIC_TRANSLATOR, reviewState: 'machine-assisted' },
  };
}

export const wordCount = (article: SyntheticArticle) =>
  article.body.reduce((sum, block) => sum + block.children.reduce((n, child) => n + child.text.split(/\s+/).length, 0), 0);

/**
 * Creates and publishes articles 1..count in every locale through the Document Service (source
 * locale first, then its translations, one publish for all), as an import would.
 */
export async function loadCorpus(strapi: Core.Strapi, count: number, locales: string[], log: (line: string) => void = () => {}) {
  const documents = strapi.documents('api::article.article');
  const [source, ...others] = locales;
  for (let index = 1; index <= count; index++) {
    const created = await documents.create({ locale: source, data: syntheticArticle(index, source!) as never });
    for (const locale of others) {
      await documents.update({ documentId: created.documentId, locale, data: syntheticArticle(index, locale) as never });
    }
    await documents.publish({ documentId: created.documentId, locale: '*' });
    if (index % 100 === 0) log(`  ${index}/${count} articles loaded`);
  }
}

async function main() {
  const at = process.argv.indexOf('--articles');
  const count = Number(at > 0 ? process.argv[at + 1] : NaN);
  if (!Number.isInteger(count) || count < 1) throw new Error('usage: corpus.ts --articles N');
  const database = process.env.DATABASE_FILENAME;
  if (!database || path.resolve(database).endsWith(path.join('cms', '.tmp', 'data.db'))) {
    throw new Error('set DATABASE_FILENAME to a separate SQLite file: the synthetic corpus never goes into the real database');
  }
  const { loadStrapi } = await import('../lib/strapi-app');
  const { readLocales } = await import('./lib/site');
  const strapi = await loadStrapi();
  try {
    const started = performance.now();
    await loadCorpus(
      strapi,
      count,
      readLocales().map((l) => l.code),
      (line) => console.error(line),
    );
    const ms = performance.now() - started;
    console.log(`RESULT ${JSON.stringify({ articles: count, ms })}`);
  } finally {
    await strapi.destroy();
  }
  process.exit(0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`corpus failed: ${(error as Error).message}`);
    process.exit(1);
  });
}
