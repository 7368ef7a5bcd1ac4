import fs from 'node:fs';
import path from 'node:path';

/** The statement's source text (cms/seed/source/, a verbatim copy of what the publication received): a title and five paragraphs. */
export function sourceStatement() {
  const text = fs.readFileSync(path.resolve(import.meta.dirname, '../../cms/seed/source/statement.en.md'), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error('statement.en.md has no front matter');
  const title = /^title:\s*"(.*)"\s*$/m.exec(match[1]!)?.[1];
  if (!title) throw new Error('statement.en.md has no title');
  return { title, body: match[2]!.trim() };
}

const DIGIT_BASES = [0x0030, 0x0660, 0x06f0]; // Latin, Arabic-Indic, Persian (Extended Arabic-Indic)

/** Folds Arabic-Indic and Persian digits to Latin and drops group separators, so 30,000 / ۳۰٬۰۰۰ / 30 000 compare equal. */
export function normalizeDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => {
      const code = digit.codePointAt(0)!;
      const base = DIGIT_BASES.find((start) => code >= start && code <= start + 9)!;
      return String(code - base);
    })
    .replace(/(\d)[,\u066C\u202F\u00A0 .'](?=\d{3}\b)/g, '$1');
}

/** The figures every translation must keep, as they read after normalizeDigits. */
export const SOURCE_FIGURES = ['30000', '120000', '1988'];
