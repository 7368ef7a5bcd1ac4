import localeList from '@publication/locales/locales.json';
import { translationOverview, type DocumentStatus, type LocaleStatus } from '../cms/src/translations/status';
import { loadStrapi } from './lib/strapi-app';

/**
 * `npm run translations [-- --check] [-- --json]`: every document × locale, as editors see it in the
 * admin panel. With --check, exits 1 when a published translation is outdated or fails the
 * integrity check (figures, glossary), so CI or a cron job can watch the backlog.
 */
const args = process.argv.slice(2);
const unknown = args.filter((arg) => !['--check', '--json'].includes(arg));
if (unknown.length) {
  console.error(`Unknown option ${unknown.join(' ')}. Usage: npm run translations [-- --check] [-- --json]`);
  process.exit(2);
}
const check = args.includes('--check');
const codes = localeList.locales.map((l) => l.code);

function cell(status: LocaleStatus): string {
  const marks = [status.reviewState === 'human-reviewed' ? 'reviewed' : '', status.hasDraftChanges ? 'draft changes' : '']
    .filter(Boolean)
    .join(', ');
  const problems = status.problems.length ? ` !${status.problems.length}` : '';
  return `${status.state}${marks ? ` (${marks})` : ''}${problems}`;
}

function label(document: DocumentStatus): string {
  const name = document.contentType === 'statement' ? 'Statement' : `Article ${document.slug ?? document.documentId}`;
  return name.length > 46 ? `${name.slice(0, 45)}…` : name;
}

/** A published translation that readers should not be reading as it stands. */
function failures(document: DocumentStatus): string[] {
  return codes.flatMap((code) => {
    const status = document.locales[code]!;
    const published = status.state === 'outdated' || status.state === 'current';
    if (!published) return [];
    return [
      ...(status.state === 'outdated'
        ? [
            `${label(document)} [${code}]: outdated (made from English ${status.sourceRevision?.slice(0, 8) ?? 'not recorded'}, English now ${document.sourceRevision?.slice(0, 8)})`,
          ]
        : []),
      ...status.problems.map((problem) => `${label(document)} [${code}]: ${problem.message}`),
    ];
  });
}

const strapi = await loadStrapi();
let documents: DocumentStatus[];
try {
  documents = await translationOverview(strapi);
} finally {
  await strapi.destroy();
}

if (args.includes('--json')) {
  console.log(JSON.stringify({ sourceLocale: localeList.defaultLocale, documents }, null, 2));
} else {
  const rows = [['Document', ...codes], ...documents.map((d) => [label(d), ...codes.map((code) => cell(d.locales[code]!))])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const [n, row] of rows.entries()) {
    console.log(
      row
        .map((text, i) => text.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  const count = (state: string) =>
    documents.reduce((sum, d) => sum + codes.filter((c) => d.locales[c]!.state === state).length, 0);
  console.log(
    `\n${documents.length} documents: ${count('current')} current, ${count('outdated')} outdated, ${count('draft')} draft only, ${count('missing')} missing.`,
  );
  for (const d of documents) {
    for (const code of codes) {
      for (const problem of d.locales[code]!.problems) console.log(`  ${label(d)} [${code}]: ${problem.message}`);
    }
  }
}

const failed = documents.flatMap(failures);
if (check) {
  if (failed.length) {
    console.error(`\nTranslation check failed (${failed.length}):`);
    for (const line of failed) console.error(`  ${line}`);
    process.exit(1);
  }
  console.error('\nTranslation check passed: every published translation is current and keeps every figure and glossary term.');
}
process.exit(0);
