import fs from 'node:fs';
import path from 'node:path';
import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { WEB_DIR } from '../lib/repo-dirs';
import { ARTICLES_PER_PAGE, FEED_ARTICLES, SITEMAP_PAGE_SIZE } from '../../web/src/data/constants';
import type { BenchOptions } from './options';
import { fmtMs, fmtNumber } from './lib/format';
import { graphqlRequest } from './lib/http';
import type { Section } from './lib/report';
import { firstArticle, readLocales } from './lib/site';
import { summarize, timed, type Summary } from './lib/stats';

export const DOCUMENTS_DIR = path.join(WEB_DIR, 'src/data/documents');

export type Operation = { name: string; query: string; variables: string[] };

/**
 * Every operation in the site's .graphql documents, each printed with the fragments it uses, as the
 * site sends it. Read from the site's own files, so a new query is measured without a change here.
 */
export function readOperations(dir = DOCUMENTS_DIR): Operation[] {
  const definitions: DefinitionNode[] = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .flatMap((file) => parse(fs.readFileSync(path.join(dir, file), 'utf8')).definitions);
  const fragments = new Map(
    definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const spreadsOf = (node: OperationDefinitionNode | FragmentDefinitionNode) => {
    const names: string[] = [];
    visit(node, { FragmentSpread: (spread) => void names.push(spread.name.value) });
    return names;
  };
  return definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'query')
    .map((operation) => {
      const used = new Set<string>();
      const queue = spreadsOf(operation);
      while (queue.length) {
        const name = queue.pop()!;
        if (used.has(name)) continue;
        used.add(name);
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`fragment ${name} is not defined in ${dir}`);
        queue.push(...spreadsOf(fragment));
      }
      const name = operation.name?.value ?? 'anonymous';
      return {
        name,
        query: [print(operation), ...[...used].sort().map((fragment) => print(fragments.get(fragment)!))].join('\n\n'),
        // A variable with a default (the preview's `$status`) is left out, as the site does for readers.
        variables: (operation.variableDefinitions ?? []).filter((v) => !v.defaultValue).map((v) => v.variable.name.value),
      };
    });
}

export type VariableContext = { locale: string; slugs: Record<string, string>; documentIds: Record<string, string> };

/** The variables the site passes (web/src/data/index.ts), per operation, then by name. */
const BY_OPERATION: Record<string, Record<string, unknown>> = {
  ArticleList: { page: 1, pageSize: ARTICLES_PER_PAGE },
  ArticleSlugs: { pageSize: 100 },
  HomePage: { latest: 5 },
  FeedContent: { latest: FEED_ARTICLES },
  SitemapArticles: { page: 1, pageSize: SITEMAP_PAGE_SIZE },
};
const BY_NAME: Record<string, (context: VariableContext) => unknown> = {
  locale: (context) => context.locale,
  slug: (context) => context.slugs[context.locale],
  documentId: (context) => context.documentIds[context.locale],
};

export function variablesFor(operation: Operation, context: VariableContext): Record<string, unknown> {
  return Object.fromEntries(
    operation.variables.map((name) => {
      const value = BY_OPERATION[operation.name]?.[name] ?? BY_NAME[name]?.(context);
      if (value === undefined) {
        throw new Error(`no value for $${name} of ${operation.name}: add it to BY_OPERATION in scripts/bench/graphql.ts`);
      }
      return [name, value];
    }),
  );
}

export type OperationLatency = { name: string; summary: Summary; errors: number; locales: string[] };

export function graphqlSection(results: OperationLatency[], runs: number): Section {
  return {
    id: 'graphql',
    title: 'GraphQL latency of every query the site makes, straight against the CMS',
    method:
      `The operations in web/src/data/documents/*.graphql with the variables the site passes, POSTed to the CMS's /graphql one at a time ` +
      `(fetch with keep-alive, no concurrency), ${runs} timed runs each after 10 untimed ones, cycling through the locales; ` +
      `time from request to the whole body parsed.`,
    columns: ['query', 'runs', 'p50', 'p95', 'max', 'errors', 'locales'],
    rows: results.map((r) => [
      r.name,
      fmtNumber(r.summary.n),
      fmtMs(r.summary.p50),
      fmtMs(r.summary.p95),
      fmtMs(r.summary.max),
      fmtNumber(r.errors),
      r.locales.join(' '),
    ]),
    targets: [],
    notes: [],
    data: results,
  };
}

export async function measureOperations(
  cmsUrl: string,
  runs: number,
  operations = readOperations(),
): Promise<OperationLatency[]> {
  const locales = readLocales().map((l) => l.code);
  const slugs: Record<string, string> = {};
  const documentIds: Record<string, string> = {};
  for (const locale of locales) {
    const article = await firstArticle(cmsUrl, locale);
    if (article) {
      slugs[locale] = article.slug;
      documentIds[locale] = article.documentId;
    }
  }
  const results: OperationLatency[] = [];
  for (const operation of operations) {
    // An operation that needs an article runs only in the locales that have one.
    const needsArticle = operation.variables.some((name) => name === 'slug' || name === 'documentId');
    const usable = needsArticle ? locales.filter((l) => slugs[l]) : locales;
    const needsLocale = needsArticle || operation.variables.includes('locale');
    const cycle = needsLocale ? usable : [locales[0]!];
    const samples: number[] = [];
    let errors = 0;
    for (let i = -10; i < runs; i++) {
      const locale = cycle[((i % cycle.length) + cycle.length) % cycle.length]!;
      const variables = variablesFor(operation, { locale, slugs, documentIds });
      const { ms, value } = await timed(() => graphqlRequest(cmsUrl, operation.query, variables));
      if (i < 0) continue;
      samples.push(ms);
      if (value.status !== 200 || value.errors?.length || !value.data) errors++;
    }
    results.push({ name: operation.name, summary: summarize(samples), errors, locales: needsLocale ? cycle : ['–'] });
  }
  return results;
}

export async function runGraphql(options: BenchOptions, log: (line: string) => void): Promise<Section> {
  const results = await measureOperations(options.cmsUrl, options.graphqlRuns);
  for (const r of results) log(`  ${r.name}: p50 ${fmtMs(r.summary.p50)}, p95 ${fmtMs(r.summary.p95)}`);
  return graphqlSection(results, options.graphqlRuns);
}
