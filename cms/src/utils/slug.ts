/**
 * URL slugs for every script the publication uses. Latin text is folded to a-z0-9 (French accents
 * dropped); Persian and Arabic keep their letters, so a slug stays readable to the people who share it.
 * Must accept exactly what the article schema's `slug.regex` accepts.
 */
export const SLUG_PATTERN = /^[a-z0-9\u0600-\u06FF]+(?:-[a-z0-9\u0600-\u06FF]+)*$/;
export const SLUG_MAX_LENGTH = 160;

const LATIN_MARKS = /[\u0300-\u036f]/g;
// Arabic-script vowel signs, tatweel and Quranic marks: dropped, the letters they sit on stay joined.
const ARABIC_MARKS = /[\u0610-\u061A\u0640\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g;
// Arabic-script punctuation and signs (comma ، semicolon ؛ question mark ؟ percent ٪ full stop ۔ ...): word breaks.
const ARABIC_PUNCTUATION = /[\u0600-\u060F\u061B-\u061F\u066A-\u066D\u06D4\u06DD\u06DE\u06E9]/g;
const ARABIC_PRESENTATION = /[\uFB50-\uFDFF\uFE70-\uFEFF]/;
const LIGATURES: Record<string, string> = { æ: 'ae', œ: 'oe', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', þ: 'th' };

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
    .replace(/[^a-z0-9\u0600-\u06FF]+/g, '-')
    .replace(/^-+|-+$/g, '');

  return truncate(folded, SLUG_MAX_LENGTH);
}

function truncate(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > max / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}

export function isSlug(value: string): boolean {
  return value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value);
}
