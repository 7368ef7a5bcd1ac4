/**
 * `npm run bench:publish`: publishes edits across the four locales through Strapi's Document
 * Service (in this process, on the same database as the running CMS, as an editor's publish would),
 * and measures for each the time from the CMS's answer until every affected page serves the new
 * content. Restores the original titles at the end.
 *
 * Options (also as BENCH_* variables, see options.ts): --site URL, --edits N, --deadline-ms MS,
 * --json FILE (write the section for `npm run bench`).
 */
import type { Core } from '@strapi/strapi';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadStrapi } from '../lib/strapi-app';
import { parseOptions } from './options';
import { fmtMs, fmtNumber } from './lib/format';
import { comparable, defaultFetcher, markedTitle, pageShows, planEdits, waitUntilLive, type Probe } from './lib/publish-polling';
import { machineInfo, renderText, type Section } from './lib/report';
import { readLocales, sitePaths } from './lib/site';
import { summarize } from './lib/stats';

const ARTICLE = 'api::article.article';
export const PUBLISH_TARGET_MS = 1000;

type Candidate = { documentId: string; slug: string; title: string; sisters: Record<string, string> };

export type EditResult = {
  documentId: string;
  locale: string;
  marker: string;
  /** How long the CMS took to answer the publish (in process: until publish() resolved). */
  publishMs: number;
  /** From the CMS's answer until every affected page served the edit. */
  liveMs: number;
  probes: Probe[];
  perUrl: Record<string, number | null>;
  timedOut: string[];
  /** For each page that timed out, what the cache in front and each site instance answer then. */
  diagnosis?: Diagnosis[];
};

type Diagnosis = { url: string; from: string; status: number; showsEdit: boolean; cache: string | null };

/**
 * Which layer still holds the old page: asked once more through the cache in front (its X-Cache) and
 * straight from each site instance (Next's x-nextjs-cache, removed by the cache in front).
 */
async function diagnose(urls: string[], origins: string[], marker: string): Promise<Diagnosis[]> {
  const askings = urls.flatMap((url) => [
    { url, from: new URL(url).origin },
    ...origins.map((origin) => ({ url, from: origin })),
  ]);
  return Promise.all(
    askings.map(async ({ url, from }) => {
      const target = new URL(url);
      try {
        const response = await fetch(`${from}${target.pathname}${target.search}`, {
          redirect: 'manual',
          signal: AbortSignal.timeout(10_000),
        });
        return {
          url,
          from,
          status: response.status,
          showsEdit: (await response.text()).includes(marker),
          cache: response.headers.get('x-cache') ?? response.headers.get('x-nextjs-cache'),
        };
      } catch (error) {
        // A layer that does not answer is a finding too; the benchmark goes on.
        return { url, from, status: 0, showsEdit: false, cache: (error as Error).message };
      }
    }),
  );
}

/** Published articles per locale whose draft has no pending changes (publishing would publish those too). */
async function findCandidates(strapi: Core.Strapi, locales: string[], log: (line: string) => void) {
  const documents = strapi.documents(ARTICLE);
  const candidates: Record<string, Candidate[]> = {};
  let skipped = 0;
  for (const locale of locales) {
    candidates[locale] = [];
    const published = (await documents.findMany({
      locale,
      status: 'published',
      sort: 'createdAt:asc',
      limit: 20,
      populate: ['seo', 'translation', 'cover'],
    })) as any[];
    for (const entry of published) {
      const draft = await documents.findOne({
        documentId: entry.documentId,
        locale,
        status: 'draft',
        populate: ['seo', 'translation', 'cover'],
      });
      if (JSON.stringify(comparable(draft)) !== JSON.stringify(comparable(entry))) {
        skipped++;
        continue;
      }
      const sisters: Record<string, string> = {};
      for (const other of locales.filter((code) => code !== locale)) {
        const sister = (await documents.findOne({
          documentId: entry.documentId,
          locale: other,
          status: 'published',
          fields: ['slug'],
        })) as any;
        if (sister?.slug) sisters[other] = sister.slug;
      }
      candidates[locale]!.push({ documentId: entry.documentId, slug: entry.slug, title: entry.title, sisters });
    }
  }
  if (skipped) log(`  skipped ${skipped} article version(s) with unpublished draft changes`);
  return candidates;
}

/**
 * The pages an edit of an article's title in `locale` affects: its page, the locale's home and
 * index (the edited article is the newest published one, so it heads both), and the sister
 * translations' pages plus the untranslated-notice pages in other locales, which must show the
 * edit if they show the title now.
 */
async function probesFor(siteUrl: string, locale: string, article: Candidate, locales: string[]): Promise<Probe[]> {
  const probes: Probe[] = [
    { url: siteUrl + sitePaths.article(locale, article.slug), expect: 'marker' },
    { url: siteUrl + sitePaths.home(locale), expect: 'marker' },
    { url: siteUrl + sitePaths.articles(locale), expect: 'marker' },
  ];
  for (const other of locales.filter((code) => code !== locale)) {
    const url = siteUrl + sitePaths.article(other, article.sisters[other] ?? article.slug);
    const page = await defaultFetcher(url).catch(() => ({ status: 0, text: '' }));
    if (page.status !== 200) continue; // the untranslated slug may redirect: nothing to wait for there
    probes.push({ url, expect: pageShows(page.text, article.title) ? 'marker' : 'ok' });
  }
  return probes;
}

export async function runPublishBench(
  strapi: Core.Strapi,
  options: { siteUrl: string; edits: number; deadlineMs: number; pauseMs?: number; origins?: string[] },
  log: (line: string) => void = console.log,
): Promise<{ edits: EditResult[]; restoredOk: boolean }> {
  const locales = readLocales().map((l) => l.code);
  const documents = strapi.documents(ARTICLE);
  const candidates = await findCandidates(strapi, locales, log);
  const plan = planEdits(candidates, locales, options.edits);
  if (!plan.length) throw new Error('no published article without pending draft changes to edit');

  const runId = Date.now().toString(36);
  const originals = new Map<string, { documentId: string; locale: string; title: string; slug: string }>();
  const probeCache = new Map<string, Probe[]>();
  const edits: EditResult[] = [];
  let restoredOk = true;
  try {
    for (const [i, { locale, item }] of plan.entries()) {
      const key = `${item.documentId}/${locale}`;
      if (!originals.has(key)) originals.set(key, { documentId: item.documentId, locale, title: item.title, slug: item.slug });
      if (!probeCache.has(key)) probeCache.set(key, await probesFor(options.siteUrl, locale, item, locales));
      const probes = probeCache.get(key)!;
      const marker = `bench-${runId}-${i}`;

      // The slug goes along, as the admin panel sends the whole form: a title alone makes the CMS's
      // slug guard derive a new slug from it (cms/src/api/article/slugs/guard.ts).
      await documents.update({
        documentId: item.documentId,
        locale,
        data: { title: markedTitle(item.title, marker), slug: item.slug } as never,
      });
      const publishStart = performance.now();
      await documents.publish({ documentId: item.documentId, locale });
      const t0 = performance.now();
      const live = await waitUntilLive(probes, marker, t0, options.deadlineMs);
      const diagnosis =
        live.timedOut.length && options.origins?.length ? await diagnose(live.timedOut, options.origins, marker) : undefined;
      edits.push({
        documentId: item.documentId,
        locale,
        marker,
        publishMs: t0 - publishStart,
        liveMs: live.ms,
        probes,
        perUrl: live.perUrl,
        timedOut: live.timedOut,
        diagnosis,
      });
      log(
        `  edit ${i + 1}/${plan.length} ${locale} ${item.slug}: live in ${fmtMs(live.ms)} on ${probes.length} pages${live.timedOut.length ? ` (timed out: ${live.timedOut.join(', ')})` : ''}`,
      );
      for (const answer of diagnosis ?? []) {
        log(
          `    then from ${answer.from}: ${answer.status}, ${answer.showsEdit ? 'the edit' : 'old'} (${answer.cache ?? 'no cache header'})`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 300));
    }
  } finally {
    for (const original of originals.values()) {
      try {
        await documents.update({
          documentId: original.documentId,
          locale: original.locale,
          data: { title: original.title, slug: original.slug } as never,
        });
        await documents.publish({ documentId: original.documentId, locale: original.locale });
      } catch (error) {
        restoredOk = false;
        log(`  could not restore ${original.documentId}/${original.locale}: ${(error as Error).message}`);
      }
    }
    // Wait until the pages no longer show a marker: the webhooks fire from this process, so it must not stop before.
    for (const original of originals.values()) {
      const url = options.siteUrl + sitePaths.article(original.locale, original.slug);
      const deadline = performance.now() + options.deadlineMs;
      let clean = false;
      while (!clean && performance.now() < deadline) {
        const page = await defaultFetcher(url).catch(() => ({ status: 0, text: '' }));
        clean = page.status === 200 && !page.text.includes(`bench-${runId}-`);
        if (!clean) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      if (!clean) {
        restoredOk = false;
        log(`  ${url} still shows a benchmark title after ${options.deadlineMs} ms`);
      }
    }
  }
  return { edits, restoredOk };
}

export function publishSection(
  result: { edits: EditResult[]; restoredOk: boolean },
  options: { edits: number; deadlineMs: number },
): Section {
  const live = summarize(result.edits.map((edit) => edit.liveMs));
  const publish = summarize(result.edits.map((edit) => edit.publishMs));
  const timedOut = result.edits.filter((edit) => edit.timedOut.length);
  const met = result.edits.length ? live.p95 < PUBLISH_TARGET_MS && timedOut.length === 0 : null;
  const byLocale = new Map<string, EditResult[]>();
  for (const edit of result.edits) byLocale.set(edit.locale, [...(byLocale.get(edit.locale) ?? []), edit]);
  const pages = result.edits.reduce((sum, edit) => sum + edit.probes.length, 0);
  const mustShow = result.edits.reduce((sum, edit) => sum + edit.probes.filter((probe) => probe.expect === 'marker').length, 0);
  const row = (label: string, edits: EditResult[]) => {
    const s = summarize(edits.map((edit) => edit.liveMs));
    return [
      label,
      fmtNumber(edits.length),
      fmtMs(s.p50),
      fmtMs(s.p95),
      fmtMs(s.max),
      fmtNumber(edits.filter((e) => e.timedOut.length).length),
    ];
  };
  return {
    id: 'publish',
    title: 'Publish-to-live',
    method:
      `npm run bench:publish: ${options.edits} article title edits spread over the locales, each saved and published through Strapi's Document Service ` +
      `in the benchmark's process (same database as the running CMS; the CMS's webhook fires from that process). ` +
      `Timed from publish() resolving until every affected page (the article, the locale's home and index, and sister-language pages that show the title) ` +
      `served the new title, polling each page every 20 ms; deadline ${fmtMs(options.deadlineMs)}. Original titles restored at the end.`,
    columns: ['edits', 'count', 'p50', 'p95', 'max', 'timed out'],
    rows: [row('all', result.edits), ...[...byLocale].map(([locale, edits]) => row(locale, edits))],
    targets: [
      {
        name: 'publish → every affected page live, p95',
        target: `< ${fmtMs(PUBLISH_TARGET_MS)}`,
        actual: `${fmtMs(live.p95)} (p50 ${fmtMs(live.p50)}, max ${fmtMs(live.max)}, ${timedOut.length} timed out)`,
        met,
        shortfall:
          met === false
            ? `${fmtMs(live.p95 - PUBLISH_TARGET_MS)} over${timedOut.length ? `; ${timedOut.length} edit(s) not live within the deadline` : ''}`
            : undefined,
      },
    ],
    notes: [
      `The CMS answered publish() in p50 ${fmtMs(publish.p50)}, p95 ${fmtMs(publish.p95)}. ${pages} affected pages over all edits: ${mustShow} had to show the new title, ${pages - mustShow} (sister pages that do not show it) only to keep answering.`,
      ...(result.restoredOk ? [] : ['Restoring the original titles did not fully succeed: check the articles named above.']),
    ],
    data: result,
  };
}

async function main() {
  const options = parseOptions();
  const jsonIndex = process.argv.indexOf('--json');
  const jsonArg = jsonIndex > 0 ? process.argv[jsonIndex + 1] : undefined;
  const jsonFile = jsonArg ? path.resolve(jsonArg) : undefined; // before loadStrapi changes the directory
  // The in-process CMS sends its webhook to the site being measured (and keeps its row pointing there).
  process.env.SITE_URL = options.siteUrl;
  process.env.STRAPI_LOG_LEVEL ??= 'error';
  const log = (line: string) => console.error(line);
  log(`Publish-to-live against ${options.siteUrl}: ${options.publishEdits} edits`);
  const strapi = await loadStrapi();
  let section: Section;
  try {
    const result = await runPublishBench(
      strapi,
      {
        siteUrl: options.siteUrl,
        edits: options.publishEdits,
        deadlineMs: options.publishDeadlineMs,
        // The site instances behind the cache, when the caller names them (the production section).
        origins: process.env.BENCH_SITE_ORIGINS?.split(',').filter(Boolean),
      },
      log,
    );
    section = publishSection(result, { edits: options.publishEdits, deadlineMs: options.publishDeadlineMs });
  } finally {
    await strapi.destroy();
  }
  if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify(section));
  else
    console.log(
      renderText({
        date: new Date().toISOString(),
        machine: machineInfo(),
        conditions: { site: options.siteUrl },
        sections: [section],
      }),
    );
  process.exit(0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`bench:publish failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  });
}
