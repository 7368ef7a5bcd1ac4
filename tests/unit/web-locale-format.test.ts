import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { ROOT } from '../../scripts/lib/repo-dirs';
import { readArticleSeeds, readStatementSeeds } from '../../scripts/lib/seed-files';
import { blocksToText } from '../../cms/src/translations/integrity';
import { formatDate, intlFormats } from '../../web/src/lib/format';

// One convention per locale for digits, in the interface (dates, page numbers) and in the content
// alike: Persian ۰–۹ in Persian, Arabic-Indic ٠–٩ in Arabic, Latin in English and French. And French
// typography: a no-break space before : ; ! ? and inside « ».

type Catalog = { [key: string]: string | Catalog };
const read = (code: string): Catalog => JSON.parse(fs.readFileSync(path.join(ROOT, 'locales', `${code}.json`), 'utf8'));
const codes: string[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'locales/locales.json'), 'utf8')).locales.map(
  (l: { code: string }) => l.code,
);

/** Every message of a catalog with its dotted key. */
const messagesOf = (catalog: Catalog, prefix = ''): [string, string][] =>
  Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === 'string' ? [[prefix + key, value] as [string, string]] : messagesOf(value, `${prefix}${key}.`),
  );

const DIGITS: Record<string, RegExp> = { en: /[0-9]/, fr: /[0-9]/, fa: /[\u06F0-\u06F9]/, ar: /[\u0660-\u0669]/ };
const OTHER_DIGITS: Record<string, RegExp> = {
  en: /[\u0660-\u0669\u06F0-\u06F9]/,
  fr: /[\u0660-\u0669\u06F0-\u06F9]/,
  fa: /[0-9\u0660-\u0669]/,
  ar: /[0-9\u06F0-\u06F9]/,
};

/** Number arguments of an ICU message, with their style. */
function numberArguments(message: string): { name: string; style: unknown }[] {
  const found: { name: string; style: unknown }[] = [];
  const walk = (elements: any[]) => {
    for (const element of elements) {
      if (element.type === 2) found.push({ name: element.value, style: element.style });
      if (element.children) walk(element.children);
      if (element.options) for (const option of Object.values<any>(element.options)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, 'en').getAst() as any[]);
  return found;
}

describe('digits', () => {
  it.each(codes)('formatDate writes %s dates in that locale’s digits', (code) => {
    const date = formatDate('2026-11-28T10:00:00Z', code)!;
    expect(date).toMatch(DIGITS[code]!);
    expect(date).not.toMatch(OTHER_DIGITS[code]!);
  });

  it('gives Arabic dates Arabic-Indic digits although Intl’s default for ar is Latin here', () => {
    expect(formatDate('2026-11-28T00:00:00Z', 'ar')).toBe('٢٨ نوفمبر ٢٠٢٦');
  });

  it.each(codes)('formats every number of the %s catalog as an integer in that locale’s digits', (code) => {
    const withNumbers = messagesOf(read(code)).filter(([, message]) => numberArguments(message).length);
    expect(withNumbers.length).toBeGreaterThan(0);
    for (const [key, message] of withNumbers) {
      for (const argument of numberArguments(message)) expect(argument.style, `${key}: {${argument.name}}`).toBe('integer');
      const values = Object.fromEntries(numberArguments(message).map((argument) => [argument.name, 12]));
      const text = String(new IntlMessageFormat(message, code, intlFormats(code)).format(values));
      expect(text, key).toMatch(DIGITS[code]!);
      expect(text, key).not.toMatch(OTHER_DIGITS[code]!);
    }
  });

  const seeds = [...readStatementSeeds(), ...readArticleSeeds().flat()];
  it.each(['fa', 'ar'])('writes the %s content in the same digits as its interface', (code) => {
    for (const seed of seeds.filter((item) => item.locale === code)) {
      const fields = [
        seed.title,
        'lead' in seed ? seed.lead : '',
        'excerpt' in seed ? seed.excerpt : '',
        blocksToText(seed.body),
      ];
      const text = fields.join('\n');
      expect(text, seed.title).not.toMatch(OTHER_DIGITS[code]!);
    }
  });
});

describe('French typography', () => {
  const SPACE_BEFORE = /[\u00A0\u202F]$/;
  const problems = (text: string) => {
    const found: string[] = [];
    for (const match of text.matchAll(/[:;!?»]/g)) {
      const before = text.slice(0, match.index);
      const after = text.slice(match.index + 1);
      if (match[0] === ':' && (/^\/\//.test(after) || /\d$/.test(before))) continue; // a URL, a time
      if (!SPACE_BEFORE.test(before))
        found.push(`no no-break space before “${match[0]}” in “${text.slice(Math.max(0, match.index - 20), match.index + 2)}”`);
    }
    for (const match of text.matchAll(/«/g)) {
      if (!/^[\u00A0\u202F]/.test(text.slice(match.index + 1)))
        found.push(`no no-break space after « in “${text.slice(match.index, match.index + 20)}”`);
    }
    return found;
  };

  it('catches a missing no-break space', () => {
    expect(problems('Aperçu : vous voyez')).toHaveLength(1);
    expect(problems('« titre »')).toHaveLength(2);
    expect(problems('Aperçu\u00A0: vous\u202F; «\u00A0titre\u00A0»')).toEqual([]);
  });

  it('puts a no-break space before : ; ! ? and inside « » in every French interface message', () => {
    expect(messagesOf(read('fr')).flatMap(([key, message]) => problems(message).map((problem) => `${key}: ${problem}`))).toEqual(
      [],
    );
  });

  it('does so in the French seed content too', () => {
    const seeds = [...readStatementSeeds(), ...readArticleSeeds().flat()].filter((seed) => seed.locale === 'fr');
    for (const seed of seeds) {
      const text = [
        seed.title,
        'lead' in seed ? seed.lead : '',
        'excerpt' in seed ? seed.excerpt : '',
        blocksToText(seed.body),
      ].join('\n');
      expect(problems(text), seed.title).toEqual([]);
    }
  });
});
