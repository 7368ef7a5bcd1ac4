import type { Change, DocumentStatus, LocaleInfo, LocaleStatus, Overview, TranslationState } from './types';

export type BadgeVariant = 'success' | 'danger' | 'warning' | 'neutral' | 'secondary';

/** Every state has a word and a colour: the word carries the meaning, the colour only repeats it. */
export const STATE_LABEL: Record<TranslationState, string> = {
  source: 'source',
  missing: 'missing',
  draft: 'draft only',
  outdated: 'outdated',
  current: 'current',
};

export const STATE_VARIANT: Record<TranslationState, BadgeVariant> = {
  source: 'neutral',
  missing: 'danger',
  draft: 'secondary',
  outdated: 'warning',
  current: 'success',
};

const STATE_SENTENCE: Record<TranslationState, string> = {
  source: 'English source of the translations',
  missing: 'Not translated yet',
  draft: 'Translated as a draft, not published',
  outdated: 'Outdated: the English changed after this translation was made',
  current: 'Current: made from the English as published now',
};

export const REVIEW_LABEL: Record<string, string> = {
  'machine-assisted': 'machine-assisted',
  'human-reviewed': 'human-reviewed',
};

const FIELD_LABEL: Record<string, string> = {
  title: 'Title',
  lead: 'Lead',
  body: 'Body',
  excerpt: 'Excerpt',
  callToAction: 'Call to action',
  'seo.metaTitle': 'SEO: meta title',
  'seo.metaDescription': 'SEO: meta description',
};

/** "seo.metaTitle" → "SEO: meta title"; unknown paths are spelled out from their camelCase. */
export function fieldLabel(path: string): string {
  return (
    FIELD_LABEL[path] ??
    path
      .split('.')
      .map((part) => part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())
      .join(': ')
      .replace(/^./, (first) => first.toUpperCase())
  );
}

/** A date as editors read it in the admin ("3 May 2025"); null and unparsable dates give null. */
export function formatDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** "Persian (fa)": from the locale list when given, else from the browser's names of languages. */
/** Two moments as editors tell them apart: dates, with the time (UTC) when both fall on the same day. */
export function formatRange(from: string | null | undefined, to: string | null | undefined): [string, string] {
  const [a, b] = [formatDate(from), formatDate(to)];
  if (!a || !b || a !== b) return [a ?? 'an unknown date', b ?? 'now'];
  const time = (iso: string) => new Date(iso).toISOString().slice(11, 16);
  return [`${a}, ${time(from!)} UTC`, `${b}, ${time(to!)} UTC`];
}

export function localeName(locales: LocaleInfo[], code: string): string {
  const known = locales.find((entry) => entry.code === code)?.englishName;
  let name = known;
  try {
    name ??= new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
  } catch {
    name = undefined;
  }
  return name && name !== code ? `${name} (${code})` : code;
}

/** The lines of a locale's tooltip: state, review, translator, reviewer and problems, in words. */
export function describeStatus(status: LocaleStatus, locale: string, locales: LocaleInfo[]): string[] {
  const lines = [`${localeName(locales, locale)}: ${STATE_SENTENCE[status.state]}.`];
  // The English (source, or its draft) has no review state: nothing more to say.
  if (status.state === 'missing' || status.reviewState === null) return lines;
  if (status.draftMarkedCurrent) lines.push('Its draft is marked up to date with the English: publish it to make it current.');
  else if (status.hasDraftChanges && status.state !== 'draft') lines.push('A draft with unpublished changes exists.');
  const sourceDate = formatDate(status.sourceRevisionDate);
  if (sourceDate) lines.push(`Made from the English of ${sourceDate}.`);
  lines.push(`Review: ${status.reviewState ? REVIEW_LABEL[status.reviewState] : 'not recorded'}.`);
  lines.push(`Translator: ${status.translator || 'not recorded'}.`);
  const reviewed = formatDate(status.reviewedAt);
  if (reviewed) lines.push(`Reviewed on ${reviewed}${status.reviewedBy ? ` by ${status.reviewedBy}` : ''}.`);
  if (status.problems.length > 0) lines.push(problemCount(status.problems.length) + '.');
  return lines;
}

export const problemCount = (count: number) => `${count} integrity problem${count === 1 ? '' : 's'}`;

/** The admin route (inside the panel's router, so without /admin) of a document's edit view in a locale. */
export function editPath(document: Pick<DocumentStatus, 'uid' | 'kind' | 'documentId'>, locale: string): string {
  const query = `?plugins[i18n][locale]=${encodeURIComponent(locale)}`;
  return document.kind === 'singleType'
    ? `/content-manager/single-types/${document.uid}${query}`
    : `/content-manager/collection-types/${document.uid}/${document.documentId}${query}`;
}

export interface Backlog {
  outdated: number;
  missing: number;
  draft: number;
  current: number;
  problems: number;
}

/** Counts of every translation (source locale excluded) by state, and of integrity problems. */
export function backlogOf(overview: Overview): Backlog {
  const backlog: Backlog = { outdated: 0, missing: 0, draft: 0, current: 0, problems: 0 };
  for (const document of overview.documents) {
    for (const [code, status] of Object.entries(document.locales)) {
      if (code === overview.sourceLocale || status.state === 'source') continue;
      backlog[status.state] += 1;
      backlog.problems += status.problems.length;
    }
  }
  return backlog;
}

/** "3 outdated, 2 missing, 1 draft only, 4 integrity problems" or, with nothing to do, a sentence saying so. */
export function backlogSummary(backlog: Backlog): string {
  const parts = [
    backlog.outdated ? `${backlog.outdated} outdated` : '',
    backlog.missing ? `${backlog.missing} missing` : '',
    backlog.draft ? `${backlog.draft} draft only` : '',
    backlog.problems ? problemCount(backlog.problems) : '',
  ].filter(Boolean);
  const current = `${backlog.current} current`;
  return parts.length ? `${parts.join(', ')}; ${current}.` : `Every translation is current (${backlog.current}).`;
}

/**
 * Keeps a diff readable in a narrow panel: long unchanged stretches are cut to the words next to a change
 * ("… the end of one sentence"), so only the changed sentences and their context remain.
 */
export function condenseChanges(changes: Change[], context = 80): Change[] {
  return changes.map((change, index) => {
    if (change.kind !== 'equal' || change.text.length <= context * 2 + 20) return change;
    const first = index === 0;
    const last = index === changes.length - 1;
    const head = first ? '' : cutAfter(change.text, context);
    const tail = last ? '' : cutBefore(change.text, context);
    if (first && last) return { kind: 'equal', text: cutAfter(change.text, context * 2) + ' …' };
    return { kind: 'equal', text: [head, '…', tail].filter(Boolean).join(' ') };
  });
}

/** The start of a text up to about n characters, ending at a word boundary. */
function cutAfter(text: string, n: number): string {
  const slice = text.slice(0, n);
  const space = slice.lastIndexOf(' ');
  return (space > n / 2 ? slice.slice(0, space) : slice).trimEnd();
}

/** The end of a text from about n characters before its end, starting at a word boundary. */
function cutBefore(text: string, n: number): string {
  const slice = text.slice(-n);
  const space = slice.indexOf(' ');
  return (space >= 0 && space < n / 2 ? slice.slice(space + 1) : slice).trimStart();
}
