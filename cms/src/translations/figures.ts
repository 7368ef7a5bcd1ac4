/**
 * Figures and fixed words in text of any of the site's scripts, for the integrity check (integrity.ts).
 *
 * - `foldText` makes two spellings of the same text comparable: Arabic-script letter variants
 *   (ي ى → ی, ك → ک, أ إ ٱ → ا), no tatweel or direction marks, one kind of space and apostrophe,
 *   Persian and Arabic-Indic digits as ASCII, lower case. Arabic-script vowel signs are KEPT, so that
 *   a pattern can require one where it carries meaning (Persian «نُه» "nine" against «نه» "not").
 * - `termPattern` turns a spelling into a RegExp over folded text: the vowel signs the spelling
 *   writes are required, others are allowed; a ZWNJ may be a space or nothing, a space may be a ZWNJ.
 * - `sourceFigures` lists the figures of an English text: numbers written in digits (30,000, 1988,
 *   2.5) and number words (nine, twenty-five, a hundred). "one" is skipped where it is a pronoun
 *   ("one of", "no one"); "a couple", "dozens", "hundreds" and ordinals are not figures.
 * - `hasFigure` says whether a translation writes a figure: in any digit script, with any grouping
 *   the locale uses (30,000 · 30.000 · 30 000 with a (narrow) no-break space · ۳۰٬۰۰۰ · 30000), as
 *   digits and a scale word (۳۰ هزار, ٣٠ ألف, 30 mille), or as one of the locale's number words.
 */

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/;
/** Arabic-script combining marks: vowel signs, shadda, sukun, hamza above/below, superscript alef. */
const MARK = '[\\u0610-\\u061A\\u064B-\\u065F\\u0670\\u06D6-\\u06DC\\u06DF-\\u06E4\\u06E7\\u06E8\\u06EA-\\u06ED]';
const IS_MARK = new RegExp(`^${MARK}$`);
/** What separates digit groups once folded: , . ٬ ' (from ’) and a space (from any no-break or thin space). */
const GROUP_SEP = "[,.\\u066C' ]";
const DECIMAL_SEP = '[.,\\u066B]';

export function foldText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u064A\u0649]/g, '\u06CC')
    .replace(/\u0643/g, '\u06A9')
    .replace(/[\u0623\u0625\u0671]/g, '\u0627')
    .replace(/[\u0640\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/[\u00A0\u202F\u2007\u2009\u200A\u2002-\u2006]/g, ' ')
    .replace(/[\u2018\u2019\u02BC\u02BB`´]/g, "'")
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .toLowerCase();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type TermOptions = {
  /** The match must not be preceded by a letter or digit (Latin words; Arabic words may take a prefix). */
  wordStart?: boolean;
  /** The match must not be followed by a letter (a ZWNJ before a Persian suffix is not a letter). */
  wordEnd?: boolean;
  /** Arabic proclitics allowed before a word that must otherwise start a word (و ف ب ل). */
  arabicPrefixes?: boolean;
};

/** The RegExp source that matches `spelling` in folded text (see the module comment). */
export function termSource(spelling: string, options: TermOptions = {}): string {
  const chars = [...foldText(spelling.trim())];
  let body = '';
  let first = 0;
  // Arabic writes the article after the preposition لِ as لل: «القوات» is also «للقوات».
  if (chars[0] === '\u0627' && chars[1] === '\u0644' && chars.length > 2) {
    body = '(?:\u0627|\u0644)\u0644';
    first = 2;
  }
  for (let i = first; i < chars.length; i++) {
    const char = chars[i]!;
    const marks: string[] = [];
    while (i + 1 < chars.length && IS_MARK.test(chars[i + 1]!)) marks.push(chars[++i]!);
    if (char === '\u200C') body += '[\\u200C ]?';
    else if (char === ' ') body += '[ \\u200C\\n]+';
    else if (ARABIC_SCRIPT.test(char)) {
      // The marks the spelling writes must be on this letter (in any order); other marks may be too.
      body += escape(char) + marks.map((mark) => `(?=${MARK}*${escape(mark)})`).join('') + `${MARK}*`;
    } else body += escape(char) + marks.map(escape).join('');
  }
  const arabic = ARABIC_SCRIPT.test(spelling);
  let start = '';
  if (options.wordStart) start = arabic && options.arabicPrefixes ? '(?<![\\p{L}\\p{N}])(?:[وفبل])?' : '(?<![\\p{L}\\p{N}])';
  const end = options.wordEnd ? '(?![\\p{L}\\p{N}])' : '';
  return start + body + end;
}

export function termPattern(spelling: string, options: TermOptions = {}): RegExp {
  return new RegExp(termSource(spelling, options), 'u');
}

// ---------------------------------------------------------------------------------------------
// Number words

const EN_UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const EN_SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };
const EN_WORDS: Record<string, number> = {
  ...Object.fromEntries(EN_UNITS.slice(1).map((word, index) => [word, index + 1])),
  ...EN_TENS,
  hundred: 100,
  ...EN_SCALES,
};

/**
 * How each translation locale writes a number in words (cardinal forms; Arabic with both genders).
 * Persian nine is «نُه» with its damma: bare «نه» is also "not", so it does not count as nine.
 * A figure with no entry here must be written in digits.
 */
export const NUMBER_WORDS: Record<string, Record<number, string[]>> = {
  en: Object.fromEntries(Object.entries(EN_WORDS).map(([word, value]) => [value, [word]])),
  fr: {
    1: ['un', 'une'],
    2: ['deux'],
    3: ['trois'],
    4: ['quatre'],
    5: ['cinq'],
    6: ['six'],
    7: ['sept'],
    8: ['huit'],
    9: ['neuf'],
    10: ['dix'],
    11: ['onze'],
    12: ['douze'],
    13: ['treize'],
    14: ['quatorze'],
    15: ['quinze'],
    16: ['seize'],
    17: ['dix-sept'],
    18: ['dix-huit'],
    19: ['dix-neuf'],
    20: ['vingt'],
    30: ['trente'],
    40: ['quarante'],
    50: ['cinquante'],
    60: ['soixante'],
    70: ['soixante-dix', 'septante'],
    80: ['quatre-vingts', 'quatre-vingt', 'huitante'],
    90: ['quatre-vingt-dix', 'nonante'],
    100: ['cent'],
    1000: ['mille'],
    1000000: ['un million'],
    1000000000: ['un milliard'],
  },
  fa: {
    1: ['یک', 'یکی'],
    2: ['دو'],
    3: ['سه'],
    4: ['چهار'],
    5: ['پنج'],
    6: ['شش'],
    7: ['هفت'],
    8: ['هشت'],
    9: ['نُه'],
    10: ['ده'],
    11: ['یازده'],
    12: ['دوازده'],
    13: ['سیزده'],
    14: ['چهارده'],
    15: ['پانزده'],
    16: ['شانزده'],
    17: ['هفده'],
    18: ['هجده', 'هیجده'],
    19: ['نوزده'],
    20: ['بیست'],
    30: ['سی'],
    40: ['چهل'],
    50: ['پنجاه'],
    60: ['شصت'],
    70: ['هفتاد'],
    80: ['هشتاد'],
    90: ['نود'],
    100: ['صد', 'یکصد'],
    1000: ['هزار', 'یک هزار'],
    1000000: ['یک میلیون'],
    1000000000: ['یک میلیارد'],
  },
  ar: {
    1: ['واحد', 'واحدة'],
    2: ['اثنان', 'اثنين', 'اثنتان', 'اثنتين'],
    3: ['ثلاث', 'ثلاثة'],
    4: ['أربع', 'أربعة'],
    5: ['خمس', 'خمسة'],
    6: ['ست', 'ستة'],
    7: ['سبع', 'سبعة'],
    8: ['ثماني', 'ثمانية', 'ثمان'],
    9: ['تسع', 'تسعة'],
    10: ['عشر', 'عشرة'],
    11: ['أحد عشر', 'إحدى عشرة'],
    12: ['اثنا عشر', 'اثني عشر', 'اثنتا عشرة', 'اثنتي عشرة'],
    13: ['ثلاثة عشر', 'ثلاث عشرة'],
    14: ['أربعة عشر', 'أربع عشرة'],
    15: ['خمسة عشر', 'خمس عشرة'],
    16: ['ستة عشر', 'ست عشرة'],
    17: ['سبعة عشر', 'سبع عشرة'],
    18: ['ثمانية عشر', 'ثماني عشرة'],
    19: ['تسعة عشر', 'تسع عشرة'],
    20: ['عشرون', 'عشرين'],
    30: ['ثلاثون', 'ثلاثين'],
    40: ['أربعون', 'أربعين'],
    50: ['خمسون', 'خمسين'],
    60: ['ستون', 'ستين'],
    70: ['سبعون', 'سبعين'],
    80: ['ثمانون', 'ثمانين'],
    90: ['تسعون', 'تسعين'],
    100: ['مئة', 'مائة'],
    1000: ['ألف'],
    1000000: ['مليون'],
    1000000000: ['مليار'],
  },
};

/** Scale words after digits ("30 thousand", «۳۰ هزار», «٣٠ ألف», "30 mille"), per locale. */
const SCALE_WORDS: Record<string, Record<number, string[]>> = {
  en: { 1e3: ['thousand'], 1e6: ['million'], 1e9: ['billion'] },
  fr: { 1e3: ['mille'], 1e6: ['millions', 'million'], 1e9: ['milliards', 'milliard'] },
  fa: { 1e3: ['هزار'], 1e6: ['میلیون'], 1e9: ['میلیارد'] },
  ar: { 1e3: ['ألف', 'آلاف'], 1e6: ['مليون', 'ملايين'], 1e9: ['مليار', 'مليارات'] },
};

// ---------------------------------------------------------------------------------------------
// Figures of the English source

export type Figure = {
  /** The figure's value without grouping: "30000", "1988", "9", "2.5". */
  value: string;
  /** As the English writes it: "30,000", "nine". */
  written: string;
  /** Written in words rather than digits. */
  words: boolean;
};

const DIGIT_FIGURE = /(?<![\p{L}\p{N}.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\p{L}\p{N}])/gu;
const WORD_ALTERNATION = Object.keys(EN_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const WORD_FIGURE = new RegExp(
  `(?<![\\p{L}\\p{N}'-])(?:${WORD_ALTERNATION})(?:(?:[ -]+|\\s+and\\s+)(?:${WORD_ALTERNATION}))*(?![\\p{L}\\p{N}-])`,
  'gu',
);
/** "one" as a pronoun, not a count. */
const PRONOUN_ONE_BEFORE = /(?:^|[^\p{L}])(?:no|any|every|each|the|this|that|which|such|a|another|someone|anyone)\s+$/u;
const PRONOUN_ONE_AFTER = /^\s+(?:of|another|or two|by one|and only)\b/u;

function wordsValue(run: string): number {
  let total = 0;
  let current = 0;
  for (const word of run.split(/[\s-]+/).filter((w) => w && w !== 'and')) {
    const value = EN_WORDS[word]!;
    if (word === 'hundred') current = (current || 1) * 100;
    else if (word in EN_SCALES) {
      total += (current || 1) * value;
      current = 0;
    } else current += value;
  }
  return total + current;
}

/** The figures of an English text, each value once, in order of first appearance. */
export function sourceFigures(text: string): Figure[] {
  const folded = foldText(text);
  const found = new Map<string, Figure>();
  for (const match of folded.matchAll(DIGIT_FIGURE)) {
    const value = match[1]!.replace(/,/g, '') + (match[2] ? `.${match[2]}` : '');
    if (!found.has(value)) found.set(value, { value, written: match[0], words: false });
  }
  for (const match of folded.matchAll(WORD_FIGURE)) {
    const run = match[0];
    if (run === 'one') {
      const before = folded.slice(0, match.index);
      const after = folded.slice(match.index! + run.length);
      if (PRONOUN_ONE_BEFORE.test(before) || PRONOUN_ONE_AFTER.test(after)) continue;
    }
    const value = String(wordsValue(run));
    if (!found.has(value)) found.set(value, { value, written: run, words: true });
  }
  return [...found.values()];
}

// ---------------------------------------------------------------------------------------------
// Figures in a translation

/** Digits with optional grouping every three from the right: 30000 → 30[sep]?000. */
function groupedDigits(integer: string): string {
  const groups: string[] = [];
  for (let end = integer.length; end > 0; end -= 3) groups.unshift(integer.slice(Math.max(0, end - 3), end));
  return groups.join(`${GROUP_SEP}?`);
}

function digitSource(value: string): string {
  const [integer, fraction] = value.split('.') as [string, string | undefined];
  const leading = integer.length % 3 || 3;
  // Not the tail of a longer number (…1,30 000) nor a decimal part (1.9 is not 9).
  const before = `(?<!\\d)(?<!\\d${DECIMAL_SEP})` + (leading === 3 ? `(?<!\\d${GROUP_SEP})` : '');
  // Not the head of a longer number (9 000, 9.5, 30 0001).
  const after = `(?!\\d)(?!${GROUP_SEP}\\d{3}(?!\\d))` + (fraction ? '' : `(?!${DECIMAL_SEP}\\d)`);
  return before + groupedDigits(integer) + (fraction ? `${DECIMAL_SEP}${fraction}` : '') + after;
}

const patternCache = new Map<string, RegExp>();

function figurePattern(value: string, locale: string): RegExp {
  const key = `${locale}:${value}`;
  const cached = patternCache.get(key);
  if (cached) return cached;
  const alternatives = [digitSource(value)];
  if (!value.includes('.')) {
    const number = Number(value);
    for (const [scale, words] of Object.entries(SCALE_WORDS[locale] ?? {})) {
      const multiple = number / Number(scale);
      if (number > 0 && Number.isInteger(multiple)) {
        for (const word of words) alternatives.push(`${digitSource(String(multiple))} ?${termSource(word, { wordEnd: true })}`);
      }
    }
    for (const word of NUMBER_WORDS[locale]?.[number] ?? []) {
      alternatives.push(termSource(word, { wordStart: true, wordEnd: true, arabicPrefixes: true }));
    }
  }
  const pattern = new RegExp(alternatives.map((source) => `(?:${source})`).join('|'), 'u');
  patternCache.set(key, pattern);
  return pattern;
}

/** Whether `text` (a translation into `locale`) writes the figure, in digits of any script or in words. */
export function hasFigure(text: string, figure: Pick<Figure, 'value'>, locale: string): boolean {
  return figurePattern(figure.value, locale).test(foldText(text));
}
