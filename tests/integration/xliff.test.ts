import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TRANSLATED_TYPES } from '../../cms/src/translations/source-fields';
import { importDocument } from '../../cms/src/translations/xliff/document';
import { readXliff } from '../../cms/src/translations/xliff/file';
import { ROOT } from '../../scripts/lib/repo-dirs';
import { TSX } from '../../scripts/lib/processes';
import { engines, ensureEngine } from '../../scripts/lib/system-packages';
import { runStrapiTask } from '../helpers/cms';

/**
 * `npm run xliff` against the shared test CMS, on an article of its own (created here, deleted at the
 * end): export fa, translate as a CAT tool would, import into the fa draft, read it back through the
 * REST API with the preview token. Seeded documents are only exported, never written.
 */
const env = inject('cmsEnv');
const cmsUrl = inject('cmsUrl');
const previewToken = inject('cmsSecrets').previewToken;
const ARTICLE = 'api::article.article';

const t = (text: string, marks: Record<string, true> = {}) => ({ type: 'text', text, ...marks });
const englishBody = [
  { type: 'heading', level: 2, children: [t('What the '), t('commission', { italic: true }), t(' did')] },
  {
    type: 'paragraph',
    children: [
      t('In 1988 '),
      t('thousands', { bold: true }),
      t(' of prisoners were '),
      t('executed', { bold: true, underline: true }),
      t('; see '),
      { type: 'link', url: 'https://example.org/report', children: [t('the '), t('report', { italic: true })] },
      t('.'),
    ],
  },
  {
    type: 'list',
    format: 'unordered',
    children: [
      { type: 'list-item', children: [t('Khomeini '), t('ordered', { strikethrough: true }), t(' it')] },
      {
        type: 'list',
        format: 'ordered',
        indentLevel: 1,
        children: [{ type: 'list-item', children: [t('nested '), t('x()', { code: true })] }],
      },
    ],
  },
  { type: 'quote', children: [t('Nine judges.')] },
];
const persianBody = [
  { type: 'heading', level: 2, children: [t('آنچه '), t('هیئت', { italic: true }), t(' کرد')] },
  {
    type: 'paragraph',
    children: [
      t('در ۱۳۶۷ '),
      t('هزاران', { bold: true }),
      t(' زندانی '),
      t('اعدام شدند', { bold: true, underline: true }),
      t('؛ نگاه کنید به '),
      { type: 'link', url: 'https://example.org/report', children: [t('گزارش', { italic: true })] },
      t('.'),
    ],
  },
  {
    type: 'list',
    format: 'unordered',
    children: [
      { type: 'list-item', children: [t('خمینی '), t('دستور داد', { strikethrough: true })] },
      {
        type: 'list',
        format: 'ordered',
        indentLevel: 1,
        children: [{ type: 'list-item', children: [t('تو در تو '), t('x()', { code: true })] }],
      },
    ],
  },
  { type: 'quote', children: [t('نُه قاضی.')] },
];

let dir: string;
let documentId: string;
let untranslatedId: string | undefined;

function xliff(...args: string[]) {
  const result = spawnSync(process.execPath, [TSX, 'scripts/xliff.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, STRAPI_LOG_LEVEL: 'error' },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function rest(pathAndQuery: string): Promise<any> {
  const get = () => fetch(`${cmsUrl}${pathAndQuery}`, { headers: { authorization: `Bearer ${previewToken}` } });
  // A pooled keep-alive connection the server closed while a script ran: ask once more on a new one.
  const response = await get().catch(get);
  expect(response.status, pathAndQuery).toBe(200);
  return ((await response.json()) as { data: any }).data;
}

const faDraft = () => rest(`/api/articles/${documentId}?status=draft&locale=fa&populate=*`);

/** What a CAT tool does to a target: new text, the tags kept where the translator put them. */
function retranslate(xml: string, id: string, target: string) {
  const unit = new RegExp(
    `(<trans-unit id="${id.replace(/\//g, '\\/')}"[^>]*>\\s*<source>[\\s\\S]*?</source>\\s*<target>)[\\s\\S]*?(</target>)`,
  );
  expect(xml).toMatch(unit);
  return xml.replace(unit, `$1${target}$2`);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xliff-it-'));
  const [created] = await runStrapiTask<{ documentId: string }[]>(env, [
    {
      action: 'create',
      uid: ARTICLE,
      locale: 'en',
      data: {
        title: 'XLIFF test: the 1988 massacre',
        excerpt: 'How the commission worked.',
        body: englishBody,
        seo: { metaTitle: 'XLIFF test' },
      },
    },
    { action: 'publish', uid: ARTICLE, documentId: '$0', locale: 'en' },
    {
      action: 'update',
      uid: ARTICLE,
      documentId: '$0',
      locale: 'fa',
      data: {
        title: 'آزمون XLIFF: کشتار ۱۳۶۷',
        excerpt: 'هیئت چگونه کار کرد.',
        body: persianBody,
        seo: { metaTitle: 'آزمون XLIFF' },
      },
    },
  ]);
  documentId = created!.documentId;
});

afterAll(async () => {
  for (const id of [documentId, untranslatedId]) {
    if (!id) continue;
    for (const locale of ['fa', 'en']) await runStrapiTask(env, { action: 'delete', uid: ARTICLE, documentId: id, locale });
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

// Each case runs the script (which loads Strapi) once or more: slow on a busy machine.
describe('npm run xliff', { timeout: 240_000 }, () => {
  it('exports fa as XLIFF 1.2 that the OASIS strict schema accepts, with the fa draft as targets', async () => {
    const file = path.join(dir, 'export.xlf');
    const { status, stderr } = xliff('export', '--locale', 'fa', '--document', documentId, '--out', file);
    expect(status, stderr).toBe(0);
    const xml = fs.readFileSync(file, 'utf8');
    expect(xml).toContain(
      `<file original="article/${documentId}" datatype="plaintext" source-language="en" target-language="fa">`,
    );
    expect(xml).toMatch(/<note>source-revision: [0-9a-f]{64}<\/note>/);
    expect(xml).toContain('<note>Translation (fa): draft only, review state machine-assisted, ');
    expect(xml).toMatch(/<note>Glossary: Khomeini → fa: [^<]*خمینی/);
    expect(xml).toContain('<target>در ۱۳۶۷ <g id="1" ctype="bold">هزاران</g>');

    const lint = spawnSync(
      ensureEngine(engines.xmllint),
      ['--nonet', '--noout', '--schema', path.join(ROOT, 'tests/fixtures/xliff/xliff-core-1.2-strict.xsd'), file],
      { encoding: 'utf8', env: { ...process.env, XML_CATALOG_FILES: path.join(ROOT, 'tests/fixtures/xliff/catalog.xml') } },
    );
    expect(lint.stderr).toContain('validates');
  });

  it('imports the file unchanged: the fa draft has the same blocks, formatting and slug, and is not published', async () => {
    const before = await faDraft();
    const file = path.join(dir, 'export.xlf');
    const { status, stdout, stderr } = xliff('import', file);
    expect(status, stderr).toBe(0);
    expect(stdout).toContain(`article/${documentId}: updated the fa draft`);
    const after = await faDraft();
    expect(after.body).toEqual(persianBody);
    expect(after.title).toBe(before.title);
    expect(after.slug).toBe(before.slug);
    expect(after.seo.metaTitle).toBe('آزمون XLIFF');
    expect(after.translation.sourceRevision).toMatch(/^[0-9a-f]{64}$/);
    const published = await fetch(`${cmsUrl}/api/articles/${documentId}?locale=fa`);
    expect(published.status).toBe(404);
  });

  it('imports what a translator changed in a CAT tool: new text and moved tags, with the structure and link of the English', async () => {
    let xml = fs.readFileSync(path.join(dir, 'export.xlf'), 'utf8');
    xml = retranslate(xml, 'title', 'آزمون XLIFF: کشتار تابستان ۱۳۶۷');
    xml = retranslate(
      xml,
      'body/1',
      '<g id="1" ctype="bold">هزاران</g> زندانی در ۱۳۶۷ <g id="2" ctype="bold"><g id="3" ctype="underlined">اعدام شدند</g></g>؛ <g id="4" ctype="link">گزارش <g id="5" ctype="italic">کامل</g></g> را ببینید.',
    );
    const file = path.join(dir, 'translated.xlf');
    fs.writeFileSync(file, xml);
    const { status, stderr } = xliff('import', file);
    expect(status, stderr).toBe(0);
    const draft = await faDraft();
    expect(draft.title).toBe('آزمون XLIFF: کشتار تابستان ۱۳۶۷');
    expect(draft.body[1]).toEqual({
      type: 'paragraph',
      children: [
        t('هزاران', { bold: true }),
        t(' زندانی در ۱۳۶۷ '),
        t('اعدام شدند', { bold: true, underline: true }),
        t('؛ '),
        { type: 'link', url: 'https://example.org/report', children: [t('گزارش '), t('کامل', { italic: true })] },
        t(' را ببینید.'),
      ],
    });
    expect(draft.body.slice(2)).toEqual(persianBody.slice(2));
  });

  it('refuses a malformed file, a tampered tag and an unknown document, changing nothing', async () => {
    const before = await faDraft();
    const good = fs.readFileSync(path.join(dir, 'translated.xlf'), 'utf8');
    const cases: [string, string, RegExp][] = [
      ['cut.xlf', good.slice(0, good.length - 200), /not well-formed XML/],
      [
        'tampered.xlf',
        retranslate(good, 'body/0', 'آنچه <g id="9" ctype="link">هیئت</g>'),
        new RegExp(`article/${documentId} unit body/0: link tag <g id="9"> is not in the source`),
      ],
      [
        'foreign.xlf',
        good.replaceAll(`article/${documentId}`, 'article/nosuchdocument0000000000'),
        /article\/nosuchdocument0000000000: no such article/,
      ],
      [
        'french.xlf',
        good.replaceAll('target-language="fa"', 'target-language="de"'),
        /target-language "de" is not a translation locale/,
      ],
    ];
    for (const [name, content, message] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      const { status, stderr } = xliff('import', file);
      expect(status, name).toBe(1);
      expect(stderr, name).toMatch(message);
      expect(stderr, name).not.toMatch(/\n\s+at /);
    }
    const after = await faDraft();
    expect(after.updatedAt).toBe(before.updatedAt);
    expect(after.body).toEqual(before.body);
  });

  it('warns when the file was made from an older English revision, and records that revision', async () => {
    const old = fs.readFileSync(path.join(dir, 'export.xlf'), 'utf8');
    const oldRevision = /<note>source-revision: ([0-9a-f]{64})<\/note>/.exec(old)![1];
    await runStrapiTask(env, [
      { action: 'update', uid: ARTICLE, documentId, locale: 'en', data: { excerpt: 'How the commission worked, step by step.' } },
      { action: 'publish', uid: ARTICLE, documentId, locale: 'en' },
    ]);
    const { status, stderr } = xliff('import', path.join(dir, 'export.xlf'));
    expect(status, stderr).toBe(0);
    expect(stderr).toMatch(new RegExp(`warning: article/${documentId}: exported from an older English revision`));
    const draft = await faDraft();
    expect(draft.translation.sourceRevision).toBe(oldRevision);
    expect(draft.body).toEqual(persianBody);
  });

  it('exports the seeded statement so that its fa translation comes back identical (checked without writing it)', async () => {
    const file = path.join(dir, 'statement.xlf');
    const { status, stderr } = xliff('export', '--locale', 'fa', '--document', 'statement', '--out', file);
    expect(status, stderr).toBe(0);
    const [english, persian] = await Promise.all([
      rest('/api/statement?locale=en&populate=*'),
      rest('/api/statement?locale=fa&status=draft&populate=*'),
    ]);
    const fields = TRANSLATED_TYPES.statement.fields;
    const flat = (version: any) =>
      Object.fromEntries(fields.map((field) => [field, field.split('.').reduce((v, k) => v?.[k], version) ?? null]));
    const [document] = (await readXliff(fs.readFileSync(file, 'utf8'))).documents;
    const result = importDocument(document!, fields, flat(english));
    expect(result.problems).toEqual([]);
    expect(result.fields).toEqual(flat(persian));
  });

  it('exports every document into a directory, and an import of a first translation creates the fa draft with a slug from its title', async () => {
    const [created] = await runStrapiTask<{ documentId: string }[]>(env, [
      {
        action: 'create',
        uid: ARTICLE,
        locale: 'en',
        data: {
          title: 'XLIFF test: not yet translated',
          body: [{ type: 'paragraph', children: [t('Only '), t('English', { bold: true })] }],
        },
      },
      { action: 'publish', uid: ARTICLE, documentId: '$0', locale: 'en' },
    ]);
    untranslatedId = created!.documentId;
    const out = path.join(dir, 'all') + path.sep;
    const exported = xliff('export', '--locale', 'fa', '--out', out);
    expect(exported.status, exported.stderr).toBe(0);
    const files = fs.readdirSync(out);
    expect(files).toContain(`article-${untranslatedId}.fa.xlf`);
    expect(files).toContain(`article-${documentId}.fa.xlf`);
    expect(files.some((name) => name.startsWith('statement-'))).toBe(true);

    let xml = fs.readFileSync(path.join(out, `article-${untranslatedId}.fa.xlf`), 'utf8');
    expect(xml).not.toContain('<target>');
    expect(xml).toContain('<note>Translation (fa): none yet</note>');
    // A CAT tool's first step: each target starts as a copy of its source; then the translator writes.
    xml = xml.replace(/(<source>([\s\S]*?)<\/source>)/g, '$1<target>$2</target>');
    xml = retranslate(xml, 'title', 'آزمون XLIFF: هنوز ترجمه نشده');
    xml = retranslate(xml, `body/0`, 'فقط <g id="1" ctype="bold">انگلیسی</g>');
    const file = path.join(dir, 'first.xlf');
    fs.writeFileSync(file, xml);

    const tooLong = path.join(dir, 'too-long.xlf');
    fs.writeFileSync(tooLong, retranslate(xml, 'title', 'ب'.repeat(301)));
    const refused = xliff('import', tooLong);
    expect(refused.status, refused.stderr).toBe(1);
    expect(refused.stderr).toContain(`nothing was imported: the CMS refused article/${untranslatedId}`);

    const imported = xliff('import', file);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`article/${untranslatedId}: created the fa draft`);
  });

  it('the first translation is a draft with a Persian slug, the English structure and the translated text', async () => {
    expect(untranslatedId).toBeDefined();
    const draft = await rest(`/api/articles/${untranslatedId}?status=draft&locale=fa&populate=*`);
    expect(draft.title).toBe('آزمون XLIFF: هنوز ترجمه نشده');
    expect(draft.slug).toBe('آزمون-xliff-هنوز-ترجمه-نشده');
    expect(draft.body).toEqual([{ type: 'paragraph', children: [t('فقط '), t('انگلیسی', { bold: true })] }]);
    expect(draft.translation.sourceRevision).toMatch(/^[0-9a-f]{64}$/);
    expect((await fetch(`${cmsUrl}/api/articles/${untranslatedId}?locale=fa`)).status).toBe(404);
  });

  it('says how to use it', () => {
    const { status, stderr } = xliff('export');
    expect(status).toBe(2);
    expect(stderr).toContain('export needs --locale');
    expect(stderr).toContain('npm run xliff -- import FILE');
    expect(xliff('export', '--locale', 'xx').stderr).toContain('unknown target locale "xx"');
  });
});
