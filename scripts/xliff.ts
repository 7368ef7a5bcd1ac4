/**
 * XLIFF 1.2 for translators' CAT tools (OmegaT, memoQ, Trados):
 *
 *   npm run xliff -- export --locale fa [--document <documentId>|statement] [--out FILE|DIR/]
 *   npm run xliff -- import FILE
 *
 * Export writes the English (source) and the locale's current translation (target) of one document,
 * or of all: to standard output, to FILE (one file, a <file> per document), or into a directory
 * (`--out DIR/`, or an existing directory: one `<type>-<documentId>.<locale>.xlf` per document).
 * Import writes the targets into drafts of that locale (never published), after checking the whole
 * file; on any problem it changes nothing and exits 1. A file made from an older English revision is
 * imported with a warning (exit 0). Runs against the CMS database while the server runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  allDocuments,
  checkLocale,
  exportXliff,
  findDocument,
  importXliff,
  readImportFile,
  XliffUserError,
  type DocumentRef,
} from '../cms/src/translations/xliff/service';
import { loadStrapi, webhooksSent } from './lib/strapi-app';

const USAGE = `Usage:
  npm run xliff -- export --locale <code> [--document <documentId>|statement] [--out FILE|DIR/]
  npm run xliff -- import FILE`;

class UsageError extends Error {}

type Command = { name: 'export'; locale: string; document?: string; out?: string } | { name: 'import'; file: string };

function parse(args: string[]): Command {
  const [name, ...rest] = args;
  if (name === 'import') {
    if (rest.length !== 1 || rest[0]!.startsWith('--')) throw new UsageError('import takes one FILE');
    return { name, file: rest[0]! };
  }
  if (name !== 'export') throw new UsageError(name ? `unknown command "${name}"` : 'no command');
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const [key, value] = [rest[i]!, rest[i + 1]];
    if (!['--locale', '--document', '--out'].includes(key)) throw new UsageError(`unknown option ${key}`);
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${key} needs a value`);
    options[key.slice(2)] = value;
  }
  if (!options.locale) throw new UsageError('export needs --locale');
  return { name, locale: options.locale, document: options.document, out: options.out };
}

const isDirectory = (target: string) => target.endsWith('/') || (fs.existsSync(target) && fs.statSync(target).isDirectory());

async function run(command: Command) {
  if (command.name === 'import') {
    if (!fs.existsSync(command.file)) throw new XliffUserError(`${command.file}: no such file`);
    // A file that is not XLIFF from this CMS is refused before the CMS is loaded.
    await readImportFile(fs.readFileSync(command.file, 'utf8'));
  }
  if (command.name === 'export') checkLocale(command.locale);
  const strapi = await loadStrapi();
  try {
    if (command.name === 'import') {
      const result = await importXliff(strapi, fs.readFileSync(command.file, 'utf8'));
      for (const warning of result.warnings) console.error(`warning: ${warning}`);
      for (const document of result.documents)
        console.log(
          `${document.original}: ${document.created ? 'created' : 'updated'} the ${result.locale} draft (from English revision ${document.revision.slice(0, 12)}…); not published`,
        );
      await webhooksSent(strapi);
      return;
    }
    const refs: DocumentRef[] = command.document ? [await findDocument(strapi, command.document)] : await allDocuments(strapi);
    const out = command.out;
    if (out && isDirectory(out)) {
      fs.mkdirSync(out, { recursive: true });
      for (const ref of refs) {
        const { xml, warnings } = await exportXliff(strapi, { locale: command.locale, documents: [ref] });
        for (const warning of warnings) console.error(`warning: ${warning}`);
        const file = path.join(out, `${ref.type}-${ref.documentId}.${command.locale}.xlf`);
        fs.writeFileSync(file, xml);
        console.error(`wrote ${file}`);
      }
      return;
    }
    const { xml, warnings } = await exportXliff(strapi, { locale: command.locale, documents: refs });
    for (const warning of warnings) console.error(`warning: ${warning}`);
    if (out) {
      fs.writeFileSync(out, xml);
      console.error(`wrote ${out} (${refs.length} document${refs.length === 1 ? '' : 's'})`);
    } else process.stdout.write(xml);
  } finally {
    await strapi.destroy();
  }
}

try {
  await run(parse(process.argv.slice(2)));
  process.exit(0);
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof XliffUserError) {
    console.error(`xliff: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
