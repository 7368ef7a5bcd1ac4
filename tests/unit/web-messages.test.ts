import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { ROOT } from '../../scripts/lib/repo-dirs';

// The interface catalogs (locales/<code>.json): one per locale in locales.json, each with exactly
// the keys of English (the type the site compiles against), and valid ICU messages that use the
// same arguments and tags, so a translation cannot drop a name, a number or a link.

type Catalog = { [key: string]: string | Catalog };
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'locales', file), 'utf8'));
const codes: string[] = read('locales.json').locales.map((l: { code: string }) => l.code);
const english: Catalog = read('en.json');

function flatten(catalog: Catalog, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === 'string') out[prefix + key] = value;
    else Object.assign(out, flatten(value, `${prefix}${key}.`));
  }
  return out;
}

/** The argument names and rich-text tags a message uses ({name}, {n, number}, <link>...</link>). */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: any[]) => {
    for (const element of elements) {
      if ('value' in element && element.type !== 0) names.add(String(element.value));
      if (element.type === 8) {
        names.add(`<${element.value}>`);
        walk(element.children);
      }
      if (element.options) for (const option of Object.values<any>(element.options)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, 'en').getAst() as any[]);
  return [...names].sort();
}

const englishMessages = flatten(english);

describe.each(codes)('locales/%s.json', (code) => {
  const file = path.join(ROOT, 'locales', `${code}.json`);

  it('exists', () => {
    expect(fs.existsSync(file)).toBe(true);
  });

  it('has exactly the keys of the English catalog', () => {
    const messages = flatten(read(`${code}.json`));
    expect(Object.keys(messages).sort()).toEqual(Object.keys(englishMessages).sort());
  });

  it('has valid ICU messages with the same arguments and tags as English', () => {
    const messages = flatten(read(`${code}.json`));
    for (const [key, message] of Object.entries(messages)) {
      expect(message.trim(), key).not.toBe('');
      expect(() => new IntlMessageFormat(message, code), key).not.toThrow();
      expect(placeholders(message), key).toEqual(placeholders(englishMessages[key]!));
    }
  });
});
