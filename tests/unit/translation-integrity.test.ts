import { describe, expect, it } from 'vitest';
import localeList from '../../locales/locales.json';
import {
  blocksToText,
  checkTranslation,
  loadGlossary,
  spellings,
  glossaryNotes,
  validateGlossary,
  type IntegrityProblem,
} from '../../cms/src/translations/integrity';
import { sourceFigures } from '../../cms/src/translations/figures';

const check = (locale: string, source: string, translation: string, field = 'body') =>
  checkTranslation({ source: { [field]: source }, translation: { [field]: translation }, locale });
const figureProblems = (problems: IntegrityProblem[]) => problems.filter((problem) => problem.kind === 'figure');
const glossaryProblems = (problems: IntegrityProblem[]) => problems.filter((problem) => problem.kind === 'glossary');

const EXECUTIONS = 'They are responsible for 120,000 political executions.';
const ATTACKS = 'They are responsible for nine criminal deadly attacks.';

describe('figures of the English source', () => {
  it('finds digits, grouped numbers, years and number words, each once', () => {
    const figures = sourceFigures(
      'In 1988, 30,000 prisoners; 120,000 executions and nine attacks in 1988. Twenty-five were freed, and 2.5 per cent.',
    );
    expect(figures.map((figure) => [figure.value, figure.written])).toEqual([
      ['1988', '1988'],
      ['30000', '30,000'],
      ['120000', '120,000'],
      ['2.5', '2.5'],
      ['9', 'nine'],
      ['25', 'twenty-five'],
    ]);
  });

  it('does not count vague quantities, pronouns, ordinals or names as figures', () => {
    const text =
      'It took them a couple of minutes. If you find a mistake in one of them, no one else will. ' +
      'Hundreds of thousands, dozens, the second time, since World War II, Ctrl+P, /en/statement, someone, often.';
    expect(sourceFigures(text)).toEqual([]);
  });

  it('reads compound number words', () => {
    expect(sourceFigures('two hundred and fifty thousand people').map((figure) => figure.value)).toEqual(['250000']);
    expect(sourceFigures('a hundred days, one day').map((figure) => figure.value)).toEqual(['100', '1']);
  });
});

describe('checkTranslation: figures', () => {
  it('catches a dropped figure, naming it and the field', () => {
    const problems = check('fr', EXECUTIONS, 'Ils sont responsables d’exécutions politiques.');
    expect(problems).toEqual([{ kind: 'figure', field: 'body', expected: '120000', message: 'figure 120,000 missing in body' }]);
  });

  it('catches a changed figure', () => {
    for (const wrong of ['12 000', '1 120 000', '120 001', '120', '1200000']) {
      expect(
        figureProblems(check('fr', EXECUTIONS, `Ils sont responsables de ${wrong} exécutions politiques.`)),
        wrong,
      ).toHaveLength(1);
    }
    expect(figureProblems(check('fa', 'In 1988.', 'در سال ۱۹۸۹.'))).toHaveLength(1);
  });

  it('accepts a figure in any digit script and grouping the locale uses', () => {
    const written: Record<string, string[]> = {
      fr: ['120 000', '120\u202F000', '120\u00A0000', '120000', '120.000', '120 mille'],
      fa: ['۱۲۰٬۰۰۰', '۱۲۰,۰۰۰', '۱۲۰۰۰۰', '120,000', '۱۲۰ هزار'],
      ar: ['١٢٠٬٠٠٠', '١٢٠,٠٠٠', '120,000', '١٢٠ ألف'],
    };
    for (const [locale, forms] of Object.entries(written)) {
      for (const form of forms) expect(check(locale, EXECUTIONS, `… ${form} …`), `${locale}: ${form}`).toEqual([]);
    }
  });

  it('accepts the Persian grouping ۳۰٬۰۰۰ and the year ۱۹۸۸', () => {
    const source = 'In the summer of 1988, 30,000 political prisoners were massacred.';
    expect(check('fa', source, 'در تابستان ۱۹۸۸، ۳۰٬۰۰۰ زندانی سیاسی قتل‌عام شدند.')).toEqual([]);
    expect(check('ar', source, 'في صيف عام ١٩٨٨، قُتل ٣٠٬٠٠٠ سجين سياسي.')).toEqual([]);
  });

  it('accepts a spelled-out number as the locale’s number word or in digits', () => {
    const written: Record<string, string[]> = {
      fr: ['neuf attaques', '9 attaques'],
      fa: ['نُه حمله', '۹ حمله', '9 حمله'],
      ar: ['تسع هجمات', 'وتسع هجمات', 'تسعة اعتداءات', '٩ هجمات'],
    };
    for (const [locale, forms] of Object.entries(written)) {
      for (const form of forms) expect(check(locale, ATTACKS, form), `${locale}: ${form}`).toEqual([]);
    }
  });

  it('catches a dropped spelled-out number', () => {
    const dropped: Record<string, string> = {
      fr: 'des attaques criminelles meurtrières',
      fa: 'حمله‌های جنایتکارانه و مرگبار',
      ar: 'هجمات إجرامية دامية',
    };
    for (const [locale, text] of Object.entries(dropped)) {
      expect(check(locale, ATTACKS, text), locale).toEqual([
        { kind: 'figure', field: 'body', expected: '9', message: 'figure 9 (“nine”) missing in body' },
      ]);
    }
  });

  it('does not take Persian «نه» ("not") or a word that merely contains a number word for nine', () => {
    expect(figureProblems(check('fa', ATTACKS, 'و نه حمله'))).toHaveLength(1);
    expect(figureProblems(check('fr', ATTACKS, 'neuve'))).toHaveLength(1);
    expect(figureProblems(check('ar', ATTACKS, 'تسعير'))).toHaveLength(1);
  });
});

describe('checkTranslation: glossary', () => {
  it('catches a missing name, listing the accepted spellings', () => {
    const source = 'Ali Akbar Hashemi Rafsanjani was the deputy Commander-in-Chief.';
    expect(check('fr', source, 'Ali Akbar Hachemi Rafsandjani était le commandant en chef adjoint.')).toEqual([]);
    expect(check('fr', source, 'Ali Akbar Hachemi était le commandant en chef adjoint.')).toEqual([
      {
        kind: 'glossary',
        field: 'body',
        expected: 'rafsanjani',
        message: 'glossary “Rafsanjani”: none of «Rafsandjani», «Rafsanjani» in body',
      },
    ]);
  });

  it('triggers on the English forms whatever the apostrophe and case, and only on whole words', () => {
    expect(glossaryProblems(check('fr', 'People’s Mojahedin of Iran', 'x')).map((p) => p.expected)).toContain('pmoi');
    expect(glossaryProblems(check('fr', "PEOPLE'S MOJAHEDIN OF IRAN", 'x')).map((p) => p.expected)).toContain('pmoi');
    expect(glossaryProblems(check('fr', 'Mojahedin', 'x'))).toEqual([]);
    expect(glossaryProblems(check('fr', 'Iranian refugees', 'des réfugiés iraniens'))).toEqual([]);
    expect(glossaryProblems(check('fr', 'in Iraq', 'en Irak'))).toEqual([]);
  });

  it('tolerates Persian and Arabic spelling variants: ZWNJ, ي/ی, ك/ک, vowel signs, tatweel, ’', () => {
    const source = 'The leader, Ali Khamenei, and Hossein-Ali Nayyeri.';
    for (const text of ['علی خامنه‌ای و حسینعلی نیری', 'علی خامنه ای و حسینعلی نيري', 'علی خامنهای و حسینعلی نیّری']) {
      expect(check('fa', source, text), text).toEqual([]);
    }
    expect(check('ar', source, 'علي خامنـئي وحسين علي نيّري')).toEqual([]);
    expect(check('fr', 'a crime against humanity', 'un crime contre l’humanité')).toEqual([]);
    expect(check('ar', 'the Armed Forces', 'نائب القائد العام للقوات المسلحة')).toEqual([]);
  });

  it('does not find a person inside another word (Rouhani in «روحانیون», the clergy)', () => {
    expect(
      glossaryProblems(check('fa', 'Rouhani’s Minister of Justice', 'وزیر دادگستری روحانیون')).map((p) => p.expected),
    ).toEqual(['rouhani']);
    expect(check('fa', 'Rouhani’s Minister of Justice', 'وزیر دادگستری روحانی')).toEqual([]);
  });

  it('flags a translation that strengthens “clerical regime”', () => {
    const source = 'The leader of the clerical regime, Ali Khamenei.';
    expect(check('fr', source, 'Le guide du régime clérical, Ali Khamenei.')).toEqual([]);
    expect(check('fa', source, 'رهبر رژیم روحانیون، علی خامنه‌ای.')).toEqual([]);
    expect(check('ar', source, 'زعيم نظام رجال الدين، علي خامنئي.')).toEqual([]);
  });
});

describe('the review’s findings, on the seeded statement as it was', () => {
  // Sentences of cms/seed/statement/{fa,ar}.md before the fix (issue 10, item 8), with their English.
  const nineSource =
    'They are responsible for 120,000 political executions and nine criminal deadly attacks on the Iranian refugees in Camp Ashraf and Camp Liberty, Iraq, which resulted in a large number of deaths.';
  const nineFa =
    'آنان مسئول ۱۲۰٬۰۰۰ اعدام سیاسی و نه حملهٔ جنایتکارانه و مرگبار به پناهندگان ایرانی در کمپ اشرف و کمپ لیبرتی در عراق هستند که به کشته شدن شمار زیادی انجامید.';
  const clericalSource = 'The leader of the clerical regime, Ali Khamenei, was the regime’s president in those days.';
  const clericalFa = 'رهبر رژیم آخوندی، علی خامنه‌ای، در آن روزها رئیس‌جمهور رژیم بود.';
  const clericalAr = 'وكان زعيم نظام الملالي، علي خامنئي، رئيساً للنظام في تلك الأيام.';

  it('flags the lost nine in Persian («و نه حملهٔ» reads "and not")', () => {
    expect(check('fa', nineSource, nineFa)).toEqual([
      { kind: 'figure', field: 'body', expected: '9', message: 'figure 9 (“nine”) missing in body' },
    ]);
    expect(check('fa', nineSource, nineFa.replace('و نه حملهٔ', 'و نُه حملهٔ'))).toEqual([]);
  });

  it('flags “clerical regime” rendered as “mullah regime” in Persian and Arabic', () => {
    expect(check('fa', clericalSource, clericalFa)).toEqual([
      {
        kind: 'glossary',
        field: 'body',
        expected: 'clerical-regime',
        message: 'glossary “clerical regime”: none of «رژیم روحانیون», «حکومت روحانیون», «نظام روحانیون» in body',
      },
    ]);
    expect(check('ar', clericalSource, clericalAr).map((problem) => problem.expected)).toEqual(['clerical-regime']);
  });
});

describe('checkTranslation', () => {
  it('checks each field against the same field, and nothing for the source locale', () => {
    const source = { title: 'The 1988 massacre', 'seo.metaTitle': 'The 1988 massacre' };
    const problems = checkTranslation({
      source,
      translation: { title: 'Le massacre de 1988', 'seo.metaTitle': 'Le massacre' },
      locale: 'fr',
    });
    expect(problems.map((problem) => [problem.field, problem.message])).toEqual([
      ['seo.metaTitle', 'figure 1988 missing in seo.metaTitle'],
    ]);
    expect(checkTranslation({ source, translation: {}, locale: 'en' })).toEqual([]);
  });

  it('reports a missing translated field as missing everything', () => {
    const problems = checkTranslation({ source: { lead: 'In 1988, Khomeini.' }, translation: {}, locale: 'fa' });
    expect(problems.map((problem) => problem.expected)).toEqual(['1988', 'khomeini']);
  });
});

describe('the glossary (locales/glossary.json)', () => {
  const glossary = loadGlossary();
  const translationLocales = localeList.locales.map((l) => l.code).filter((code) => code !== localeList.defaultLocale);

  it('has the people, organisations and terms of the statement, with spellings for every translation locale', () => {
    const ids = glossary.map((entry) => entry.id);
    for (const id of ['khomeini', 'khamenei', 'raisi', 'pourmohammadi', 'nayyeri', 'rafsanjani', 'rouhani', 'pmoi']) {
      expect(ids).toContain(id);
    }
    for (const id of ['camp-ashraf', 'camp-liberty', 'death-commission', 'crime-against-humanity', 'un-security-council']) {
      expect(ids).toContain(id);
    }
    for (const entry of glossary) {
      for (const locale of translationLocales)
        expect(spellings(entry, locale).length, `${entry.id} ${locale}`).toBeGreaterThan(0);
    }
  });

  it('writes Persian spellings with Persian letters and Arabic ones with Arabic letters', () => {
    for (const entry of glossary) {
      for (const form of spellings(entry, 'fa')) expect(form, entry.id).not.toMatch(/[\u064A\u0643]/);
      for (const form of spellings(entry, 'ar')) expect(form, entry.id).not.toMatch(/[\u06CC\u06A9\u067E\u0686\u0698\u06AF]/);
    }
  });

  it('gives translators a note per glossary entry of a text, with the accepted spellings', () => {
    const notes = glossaryNotes('The leader of the clerical regime, Ali Khamenei.', 'fa');
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/^Glossary: “Khamenei” → «خامنه‌ای»\. /);
    expect(notes[1]).toMatch(/^Glossary: “clerical regime” → «رژیم روحانیون», «حکومت روحانیون», «نظام روحانیون»\. .*آخوندی/);
    expect(glossaryNotes('Nothing to note.', 'fa')).toEqual([]);
  });

  it('refuses a malformed glossary', () => {
    expect(() => validateGlossary({})).toThrow(/array/);
    expect(() => validateGlossary([{ id: 'x', kind: 'thing', en: ['x'] }])).toThrow(/kind/);
    expect(() => validateGlossary([{ id: 'x', kind: 'term', en: ['x'], fa: [] }])).toThrow(/"fa"/);
    expect(() =>
      validateGlossary([
        { id: 'x', kind: 'term', en: ['x'] },
        { id: 'x', kind: 'term', en: ['y'] },
      ]),
    ).toThrow(/duplicate/);
    expect(() => validateGlossary([{ id: 'x', kind: 'term', fa: ['y'] }])).toThrow(/"en"/);
  });
});

describe('blocksToText', () => {
  it('gives one line per paragraph, heading and list item, with the text of links and marks', () => {
    const blocks = [
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Title' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Read ' },
          { type: 'link', url: '/en/statement', children: [{ type: 'text', text: 'the statement', bold: true }] },
          { type: 'text', text: ' now.' },
        ],
      },
      { type: 'image', image: { url: '/x.png', alternativeText: 'A candle' }, children: [{ type: 'text', text: '' }] },
      {
        type: 'list',
        format: 'unordered',
        children: [
          { type: 'list-item', children: [{ type: 'text', text: 'one' }] },
          { type: 'list-item', children: [{ type: 'text', text: 'two', italic: true }] },
        ],
      },
      { type: 'quote', children: [{ type: 'text', text: 'Quoted' }] },
    ];
    expect(blocksToText(blocks)).toBe('Title\nRead the statement now.\none\ntwo\nQuoted');
  });

  it('gives nothing for something that is not blocks', () => {
    expect(blocksToText(null)).toBe('');
    expect(blocksToText('text')).toBe('');
  });
});
