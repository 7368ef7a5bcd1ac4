/**
 * The translation integrity check: what no translation may lose. Pure (no Strapi), so the CMS, the
 * command line (`npm run translations -- --check`) and the tests all run the same check.
 *
 * `checkTranslation({ source, translation, locale })` compares each field of an English source with
 * the same field of its translation (both plain text: flatten blocks with `blocksToText`) and reports
 *
 * - every FIGURE of the English (30,000 · 1988 · 2.5 · nine · twenty-five) that the translation does not
 *   write, in any digit script (ASCII, Persian ۰–۹, Arabic-Indic ٠–٩) and grouping (30,000 · 30 000 ·
 *   ۳۰٬۰۰۰ · 30000), as digits and a scale word (۳۰ هزار), or as one of the locale's number words
 *   (figures.ts: NUMBER_WORDS; Persian nine must be «نُه» with its damma, since «نه» also means "not");
 * - every GLOSSARY entry whose English form occurs in the source field but none of whose spellings
 *   for the locale occurs in the translated field.
 *
 * THE GLOSSARY: locales/glossary.json, a JSON array, one entry per person, organisation, place and
 * fixed (legal) term of the publication's texts:
 *
 *   {
 *     "id": "clerical-regime",                    // unique, lower-case words joined by hyphens
 *     "kind": "term",                             // "person" | "organisation" | "place" | "term"
 *     "en": ["clerical regime"],                  // the source's forms that trigger the entry
 *     "fa": ["رژیم روحانیون", …],                 // accepted spellings, one list per translation
 *     "fr": ["régime clérical"],                  //   locale of locales/locales.json
 *     "ar": ["نظام رجال الدين", …],
 *     "note": "…"                                 // optional: for translators (XLIFF notes)
 *   }
 *
 * Matching (figures.ts: foldText, termPattern): case-insensitive; ’ and ' are the same; Persian and
 * Arabic letter variants (ي/ی, ك/ک, أ/إ/ا) and tatweel do not matter; a ZWNJ may be a space or
 * nothing; vowel signs written in a spelling are required, others are optional. Latin spellings and
 * the English forms match whole words. Arabic-script spellings match anywhere in a word (Arabic
 * attaches و ب ل ال, Persian writes ezafe and suffixes), except a person's name, which must end a
 * word («روحانی», the president, is not found inside «روحانیون», the clergy).
 */
import { SOURCE_LOCALE as sourceLocale } from './source-fields';
import glossaryJson from '@publication/locales/glossary.json';
import { foldText, hasFigure, sourceFigures, termPattern } from './figures';

export type IntegrityProblem = {
  kind: 'figure' | 'glossary';
  /** The field path: 'title', 'body', 'seo.metaTitle'. */
  field: string;
  /** A figure's value without grouping ("30000", "9"), or a glossary entry's id ("clerical-regime"). */
  expected: string;
  /** In English, for editors: "figure 9 (“nine”) missing in body". */
  message: string;
};

export type GlossaryKind = 'person' | 'organisation' | 'place' | 'term';
export type GlossaryEntry = {
  id: string;
  kind: GlossaryKind;
  /** The source locale's forms (the key is locales.json's defaultLocale) and each translation locale's spellings. */
  [locale: string]: string[] | string | undefined;
  note?: string;
};
export type Glossary = readonly GlossaryEntry[];

const KINDS: readonly GlossaryKind[] = ['person', 'organisation', 'place', 'term'];

/** Checks the shape of a glossary; throws on the first thing wrong, naming the entry. */
export function validateGlossary(value: unknown): Glossary {
  if (!Array.isArray(value)) throw new Error('glossary.json: expected an array of entries');
  const ids = new Set<string>();
  for (const [index, entry] of value.entries()) {
    const where = `glossary.json entry ${index}${entry?.id ? ` (${entry.id})` : ''}`;
    if (!entry || typeof entry !== 'object') throw new Error(`${where}: not an object`);
    if (typeof entry.id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(entry.id)) throw new Error(`${where}: bad id`);
    if (ids.has(entry.id)) throw new Error(`${where}: duplicate id`);
    ids.add(entry.id);
    if (!KINDS.includes(entry.kind)) throw new Error(`${where}: kind must be one of ${KINDS.join(', ')}`);
    if (entry.note !== undefined && typeof entry.note !== 'string') throw new Error(`${where}: note must be a string`);
    for (const [key, forms] of Object.entries(entry)) {
      if (key === 'id' || key === 'kind' || key === 'note') continue;
      if (!Array.isArray(forms) || !forms.length || forms.some((form) => typeof form !== 'string' || !form.trim())) {
        throw new Error(`${where}: "${key}" must be a non-empty list of spellings`);
      }
    }
    if (!Array.isArray(entry[sourceLocale])) throw new Error(`${where}: no "${sourceLocale}" forms`);
  }
  return value as Glossary;
}

const glossary = validateGlossary(glossaryJson);

/** The repository's glossary (locales/glossary.json), checked. */
export function loadGlossary(): Glossary {
  return glossary;
}

/** An entry's spellings for a locale ([] when the glossary has none for it). */
export function spellings(entry: GlossaryEntry, locale: string): string[] {
  const forms = entry[locale];
  return Array.isArray(forms) ? forms : [];
}

const isLatin = (text: string) => !/[\u0600-\u06FF]/.test(text);
const patterns = new Map<string, RegExp>();

function matcher(spelling: string, kind: GlossaryKind, inSource: boolean): RegExp {
  const key = `${kind}:${inSource}:${spelling}`;
  let pattern = patterns.get(key);
  if (!pattern) {
    const latin = isLatin(spelling);
    pattern = termPattern(spelling, { wordStart: inSource || latin, wordEnd: inSource || latin || kind === 'person' });
    patterns.set(key, pattern);
  }
  return pattern;
}

/** The glossary entries whose source forms occur in an English text. */
export function glossaryEntriesIn(text: string, entries: Glossary = glossary): GlossaryEntry[] {
  const folded = foldText(text);
  return entries.filter((entry) => spellings(entry, sourceLocale).some((form) => matcher(form, entry.kind, true).test(folded)));
}

/** Whether a translated text writes one of the entry's spellings for its locale. */
export function hasGlossarySpelling(text: string, entry: GlossaryEntry, locale: string): boolean {
  const folded = foldText(text);
  return spellings(entry, locale).some((form) => matcher(form, entry.kind, false).test(folded));
}

/**
 * Notes for a translator of `sourceText` into `locale` (the XLIFF export's <note>s): one per glossary
 * entry the text contains, with the spellings the check accepts and the entry's note, e.g.
 * "Glossary: “clerical regime” → «رژیم روحانیون», «حکومت روحانیون». Translate “clerical” neutrally…".
 */
export function glossaryNotes(sourceText: string, locale: string, entries: Glossary = glossary): string[] {
  return glossaryEntriesIn(sourceText, entries)
    .filter((entry) => spellings(entry, locale).length)
    .map((entry) => {
      const forms = spellings(entry, locale)
        .map((form) => `«${form}»`)
        .join(', ');
      return `Glossary: “${spellings(entry, sourceLocale)[0]}” → ${forms}.${entry.note ? ` ${entry.note}` : ''}`;
    });
}

export function checkTranslation({
  source,
  translation,
  locale,
  glossary: entries = glossary,
}: {
  source: Record<string, string>;
  translation: Record<string, string>;
  locale: string;
  glossary?: Glossary;
}): IntegrityProblem[] {
  if (locale === sourceLocale) return [];
  const problems: IntegrityProblem[] = [];
  for (const [field, sourceText] of Object.entries(source)) {
    if (!sourceText?.trim()) continue;
    const translated = translation[field] ?? '';
    for (const figure of sourceFigures(sourceText)) {
      if (hasFigure(translated, figure, locale)) continue;
      const label = figure.words ? `${figure.value} (“${figure.written}”)` : figure.written;
      problems.push({ kind: 'figure', field, expected: figure.value, message: `figure ${label} missing in ${field}` });
    }
    for (const entry of glossaryEntriesIn(sourceText, entries)) {
      const forms = spellings(entry, locale);
      if (!forms.length || hasGlossarySpelling(translated, entry, locale)) continue;
      const name = spellings(entry, sourceLocale)[0];
      problems.push({
        kind: 'glossary',
        field,
        expected: entry.id,
        message: `glossary “${name}”: none of ${forms.map((form) => `«${form}»`).join(', ')} in ${field}`,
      });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Strapi blocks → plain text

type Node = { type?: string; text?: unknown; children?: unknown; [key: string]: unknown };

function inlineText(nodes: unknown): string {
  if (!Array.isArray(nodes)) return '';
  return nodes
    .map((node: Node) => (typeof node?.text === 'string' ? node.text : node?.type === 'link' ? inlineText(node.children) : ''))
    .join('');
}

/**
 * The plain text of a Strapi `blocks` value: one line per paragraph, heading, quote, code block and
 * list item (nested lists included), joined by newlines; images and unknown nodes give no text.
 */
export function blocksToText(blocks: unknown): string {
  if (!Array.isArray(blocks)) return '';
  const lines: string[] = [];
  const walk = (nodes: unknown[]) => {
    for (const node of nodes as Node[]) {
      if (!node || typeof node !== 'object') continue;
      if (node.type === 'list' && Array.isArray(node.children)) walk(node.children);
      else if (node.type === 'list-item' && Array.isArray(node.children)) {
        const own = (node.children as Node[]).filter((child) => child?.type !== 'list');
        lines.push(inlineText(own));
        walk((node.children as Node[]).filter((child) => child?.type === 'list'));
      } else if (node.type !== 'image') lines.push(inlineText(node.children));
    }
  };
  walk(blocks);
  return lines.join('\n');
}
