/** Pure logic of the publish-to-live benchmark: what to wait for, and waiting for it. */

/** A page that must show the edit ('marker'), or only keep answering ('ok': it does not show the title). */
export type Probe = { url: string; expect: 'marker' | 'ok' };

export type LiveResult = {
  /** From t0 until every probe was satisfied (or the deadline, when one was not). */
  ms: number;
  /** Per URL: ms from t0 until satisfied, or null when it never was. */
  perUrl: Record<string, number | null>;
  timedOut: string[];
  polls: number;
};

/** HTML-escaped forms in which a text can appear in a page (React escapes & < > " '). */
export function htmlForms(text: string): string[] {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [...new Set([text, escaped, escaped.replace(/"/g, '&quot;').replace(/'/g, '&#x27;'), escaped.replace(/'/g, '&#39;')])];
}

export const pageShows = (html: string, text: string) => htmlForms(text).some((form) => html.includes(form));

export type Fetcher = (url: string) => Promise<{ status: number; text: string }>;

export const defaultFetcher: Fetcher = async (url) => {
  const response = await fetch(url, {
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
    headers: { 'cache-control': 'no-cache' },
  });
  return { status: response.status, text: await response.text() };
};

/**
 * Polls every probe concurrently from t0 (a performance.now() value) until each shows the marker
 * (or answers 200, for 'ok' probes), or until the deadline. Returns the time the last one took.
 */
export async function waitUntilLive(
  probes: Probe[],
  marker: string,
  t0: number,
  deadlineMs: number,
  options: { intervalMs?: number; fetcher?: Fetcher } = {},
): Promise<LiveResult> {
  const interval = options.intervalMs ?? 20;
  const fetcher = options.fetcher ?? defaultFetcher;
  const perUrl: Record<string, number | null> = {};
  let polls = 0;
  await Promise.all(
    probes.map(async (probe) => {
      perUrl[probe.url] = null;
      while (performance.now() - t0 < deadlineMs) {
        polls++;
        try {
          const { status, text } = await fetcher(probe.url);
          if (status === 200 && (probe.expect === 'ok' || text.includes(marker))) {
            perUrl[probe.url] = performance.now() - t0;
            return;
          }
        } catch {
          /* counts as not yet live */
        }
        await new Promise((resolve) => setTimeout(resolve, interval));
      }
    }),
  );
  const timedOut = Object.entries(perUrl)
    .filter(([, ms]) => ms === null)
    .map(([url]) => url);
  const times = Object.values(perUrl).map((ms) => ms ?? deadlineMs);
  return { ms: times.length ? Math.max(...times) : 0, perUrl, timedOut, polls };
}

/** The edited title: the original with a unique marker, within the field's maximum length. */
export function markedTitle(original: string, marker: string, maxLength = 300): string {
  const suffix = ` [${marker}]`;
  return original.slice(0, maxLength - suffix.length) + suffix;
}

/** Plans n edits spread evenly over the locales, cycling through each locale's candidates. */
export function planEdits<T>(candidates: Record<string, T[]>, locales: string[], n: number): { locale: string; item: T }[] {
  const usable = locales.filter((locale) => candidates[locale]?.length);
  if (!usable.length) return [];
  const counters: Record<string, number> = {};
  return Array.from({ length: n }, (_, i) => {
    const locale = usable[i % usable.length]!;
    const list = candidates[locale]!;
    const index = (counters[locale] = (counters[locale] ?? -1) + 1);
    return { locale, item: list[index % list.length]! };
  });
}

/** Removes fields that differ between a draft and its published version without being content. */
export function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') {
    const volatile = new Set([
      'id',
      'createdAt',
      'updatedAt',
      'publishedAt',
      'createdBy',
      'updatedBy',
      'localizations',
      'status',
    ]);
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !volatile.has(key))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, child]) => [key, comparable(child)]),
    );
  }
  return value;
}
