/**
 * The one rule for article slugs, used by the CMS (the slug guard, the schema's regex) and by the
 * site (which slugs are worth asking the CMS about). Latin text is folded to a-z0-9 (French accents
 * dropped); the letters of every other script in locales/locales.json are kept, so that a slug stays
 * readable to the people who share it. Slugs are unique per locale (guard.ts, unique-index.ts).
 */
import localeList from '@publication/locales/locales.json';

/** The characters a slug may have, by the script codes locales.json gives its locales. */
const SCRIPT_CHARACTERS: Record<string, string> = {
  Latn: 'a-z0-9',
  // Arabic-script letters and digits (Persian included), without vowel signs, tatweel or punctuation.
  Arab: '\\u0620-\\u063F\\u0641-\\u064A\\u0660-\\u0669\\u066E\\u066F\\u0671-\\u06D3\\u06D5\\u06EE-\\u06FF',
};

function characterClass(scripts: string[]): string {
  const unknown = scripts.filter((script) => !(script in SCRIPT_CHARACTERS));
  if (unknown.length)
    throw new Error(
      `locales.json names scripts the slug rules do not know: ${unknown.join(', ')} (add them to SCRIPT_CHARACTERS)`,
    );
  // Latin letters and digits in every locale: a Persian title may contain "PMOI" or "1988".
  return [...new Set(['Latn', ...scripts])].map((script) => SCRIPT_CHARACTERS[script]).join('');
}

const CHARACTERS = characterClass(localeList.locales.map((locale) => locale.script));

/** What a slug is: runs of allowed characters joined by single hyphens. The schema's regex is this. */
export const SLUG_PATTERN = new RegExp(`^[${CHARACTERS}]+(?:-[${CHARACTERS}]+)*$`);
export const SLUG_MAX_LENGTH = 160;
/** A cached page's file is named after its slug: file names may not exceed 255 bytes. */
export const SLUG_MAX_BYTES = 200;

const NOT_ALLOWED = new RegExp(`[^${CHARACTERS}]+`, 'g');
const LATIN_MARKS = /[\u0300-\u036f]/g;
// Arabic-script vowel signs, Quranic marks and tatweel: dropped, the letters they sit on stay joined.
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
// Arabic-script punctuation and signs (comma ، semicolon ؛ question mark ؟ percent ٪ full stop ۔ ...): word breaks.
const ARABIC_PUNCTUATION = /[\u0600-\u060F\u061B-\u061F\u066A-\u066D\u06D4\u06DD\u06DE\u06E9]/g;
const ARABIC_PRESENTATION = /[\uFB50-\uFDFF\uFE70-\uFEFF]/;
const LIGATURES: Record<string, string> = { æ: 'ae', œ: 'oe', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', þ: 'th' };

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text).length;

/** The slug for a title, or for a slug typed by hand (normalised); '' when nothing usable is left. */
export function slugify(text: string): string {
  const folded = Array.from(text.normalize('NFC').toLowerCase(), (char) =>
    ARABIC_PRESENTATION.test(char) ? char.normalize('NFKC') : char,
  )
    .join('')
    .replace(/[æœßøđłþ]/g, (char) => LIGATURES[char] ?? char)
    // Decompose only Latin letters: NFD would also split Persian آ and أ into a letter and a mark.
    .replace(/[a-z\u00C0-\u024F]/g, (char) => char.normalize('NFD').replace(LATIN_MARKS, ''))
    .replace(ARABIC_MARKS, '')
    .replace(ARABIC_PUNCTUATION, ' ')
    .replace(NOT_ALLOWED, '-')
    .replace(/^-+|-+$/g, '');

  return truncate(folded);
}

/** Within both limits, at a word boundary when one is in the second half. */
function truncate(slug: string): string {
  if (slug.length <= SLUG_MAX_LENGTH && bytes(slug) <= SLUG_MAX_BYTES) return slug;
  let cut = Array.from(slug).slice(0, SLUG_MAX_LENGTH).join('');
  while (bytes(cut) > SLUG_MAX_BYTES) cut = cut.slice(0, -1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > cut.length / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}

export function isSlug(value: string): boolean {
  return value.length <= SLUG_MAX_LENGTH && bytes(value) <= SLUG_MAX_BYTES && SLUG_PATTERN.test(value);
}
