/**
 * The site's one data module: every getter a page awaits, each with the cache tags of what it
 * reads. Pages only await a getter and render. One GraphQL request per page.
 */
import { draftMode } from 'next/headers';
import { cache } from 'react';
import type { TypedDocumentNode } from '@apollo/client';
import { localeCodes, sourceLocale } from '@/lib/locales';
import { env } from '@/lib/env';
import { getClient, makeClient } from './client';
import {
  ArticleListDocument,
  ArticlePageDocument,
  ArticleSlugsDocument,
  HomePageDocument,
  PingDocument,
  StatementPageDocument,
  type ArticlePageQuery,
  type ArticleSummaryFragment,
  type HomePageQuery,
  type StatementPageQuery,
} from './generated/graphql';
import { ARTICLES_PER_PAGE } from './constants';
import { REVALIDATE_SECONDS, tags } from './tags';

export { tags } from './tags';

export type Statement = NonNullable<StatementPageQuery['statement']>;
export type StatementSummary = NonNullable<HomePageQuery['statement']>;
export type ArticleSummary = ArticleSummaryFragment;
export type Article = NonNullable<ArticlePageQuery['article'][number]>;
export type ReviewState = NonNullable<Statement['translation']>['reviewState'];

/** A document's versions: locale → its slug (articles) and title, for the switcher and hreflang. */
export type Versions = Record<string, { slug?: string; title?: string }>;

/** The CMS did not answer, or answered with an error. Its message never reaches a reader. */
export class CmsError extends Error {
  override name = 'CmsError';
}

/**
 * Next's cached fetch does not always honour the request's abort signal, so a hung CMS could hold a
 * page for minutes: the page gives up after CMS_TIMEOUT_MS whatever the fetch does.
 */
function withDeadline<T>(work: Promise<T>): Promise<T> {
  const ms = env().CMS_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Whether this request is an editor's preview: draft mode, switched on by /api/preview behind a secret. */
async function inPreview(): Promise<boolean> {
  try {
    return (await draftMode()).isEnabled;
  } catch {
    return false; // outside a request (at build) there is no draft mode
  }
}

/**
 * Published content is fetched through Next's data cache, under `cacheTags`. A preview reads drafts
 * with the site's preview token and bypasses every cache, so a draft never reaches the public.
 */
async function cmsQuery<TData, TVariables extends Record<string, unknown>>(
  query: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  cacheTags: string[],
  { preview = false }: { preview?: boolean } = {},
): Promise<TData> {
  const context = preview
    ? { fetchOptions: { cache: 'no-store' }, headers: { authorization: `Bearer ${env().PREVIEW_API_TOKEN}` } }
    : { fetchOptions: { cache: 'force-cache', next: { revalidate: REVALIDATE_SECONDS, tags: cacheTags } } };
  try {
    const result = await withDeadline(
      getClient().query({
        query,
        variables: preview ? { ...variables, status: 'DRAFT' } : variables,
        context,
      } as Parameters<ReturnType<typeof getClient>['query']>[0]),
    );
    if (!result.data) throw new Error('empty answer');
    return result.data as TData;
  } catch (error) {
    throw new CmsError(`CMS query ${operationName(query)} failed: ${(error as Error).message}`);
  }
}

function operationName(query: TypedDocumentNode<unknown, never> | TypedDocumentNode<any, any>): string {
  const op = query.definitions.find((d) => d.kind === 'OperationDefinition');
  return (op && 'name' in op && op.name?.value) || 'anonymous';
}

// ---------------------------------------------------------------------------------------------
// Build-time helpers (no request scope, never throw)

/** Whether the CMS answers GraphQL now. The build prerenders pages only when it does. */
export async function cmsIsReachable(): Promise<boolean> {
  try {
    const { data } = await makeClient().query({ query: PingDocument, context: { fetchOptions: { cache: 'no-store' } } });
    return Boolean(data);
  } catch {
    return false;
  }
}

/** Every published article in every locale, for prerendering; [] when the CMS is down. */
export async function getArticleParams(): Promise<{ locale: string; slug: string }[]> {
  const pageSize = 100; // the CMS's maxLimit
  const params: { locale: string; slug: string }[] = [];
  try {
    const client = makeClient();
    for (let page = 1; page <= 50; page++) {
      const { data } = await client.query({
        query: ArticleSlugsDocument,
        variables: { page, pageSize },
        context: { fetchOptions: { cache: 'no-store' } },
      });
      const batch = data?.articles ?? [];
      for (const a of batch) if (a?.locale && a.slug && localeCodes.includes(a.locale)) params.push({ locale: a.locale, slug: a.slug });
      if (batch.length < pageSize) break;
    }
    return params;
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Page getters

export const getHome = cache(async (locale: string) => {
  const data = await cmsQuery(HomePageDocument, { locale, latest: 5 }, [
    tags.statement,
    tags.statementIn(locale),
    tags.articles,
    tags.articlesIn(locale),
  ]);
  return {
    statement: data.statement ?? null,
    latest: data.articles.filter((a): a is ArticleSummary => Boolean(a)),
  };
});

export const getStatement = cache(async (locale: string) => {
  const data = await cmsQuery(StatementPageDocument, { locale }, [tags.statement, tags.statementIn(locale)], {
    preview: await inPreview(),
  });
  return data.statement ?? null;
});

/** The locales a statement exists in (its own and its published localizations). */
export function statementVersions(statement: { locale?: string | null; localizations: ({ locale?: string | null } | null)[] }): Versions {
  const versions: Versions = {};
  for (const l of [statement, ...statement.localizations]) if (l?.locale) versions[l.locale] = {};
  return versions;
}

export { ARTICLES_PER_PAGE };

export const getArticleList = cache(async (locale: string, page: number) => {
  const data = await cmsQuery(ArticleListDocument, { locale, page, pageSize: ARTICLES_PER_PAGE }, [
    tags.articles,
    tags.articlesIn(locale),
  ]);
  const connection = data.articles_connection;
  return {
    articles: connection?.nodes ?? [],
    page: connection?.pageInfo.page ?? page,
    pageCount: connection?.pageInfo.pageCount ?? 0,
    total: connection?.pageInfo.total ?? 0,
  };
});

export type ArticleLookup =
  /** The article in the requested locale, under this slug. */
  | { kind: 'article'; article: Article; versions: Versions }
  /** The slug is another locale's; this locale has its own version under `slug`. */
  | { kind: 'redirect'; slug: string }
  /** The article exists, but not in the requested locale. */
  | { kind: 'untranslated'; title: string; versions: Versions }
  | { kind: 'not-found' };

/**
 * Slugs are letters, digits and -._~ (Persian and Arabic included), at most 200 bytes of UTF-8
 * (a cached page's file name must fit the file system); anything else is not a slug.
 */
export function isPlausibleSlug(slug: string): boolean {
  return (
    slug.length > 0 &&
    new TextEncoder().encode(slug).length <= 200 &&
    /^[\p{L}\p{N}\p{M}\u200c\u200d._~-]+$/u.test(slug)
  );
}

export const getArticle = cache(async (locale: string, slug: string): Promise<ArticleLookup> => {
  if (!isPlausibleSlug(slug)) return { kind: 'not-found' };
  const data = await cmsQuery(ArticlePageDocument, { locale, slug }, [tags.articles, tags.articlesIn(locale)], {
    preview: await inPreview(),
  });

  const article = data.article[0];
  if (article) {
    const versions: Versions = { [locale]: { slug: article.slug, title: article.title } };
    for (const l of article.localizations) if (l?.locale) versions[l.locale] = { slug: l.slug, title: l.title };
    return { kind: 'article', article, versions };
  }

  const others = data.elsewhere.filter((a): a is NonNullable<typeof a> => Boolean(a));
  for (const other of others) {
    const own = other.localizations.find((l) => l?.locale === locale);
    if (own) return { kind: 'redirect', slug: own.slug };
  }
  const other = others.find((a) => a.locale === sourceLocale) ?? others[0];
  if (!other) return { kind: 'not-found' };
  const versions: Versions = {};
  for (const l of [other, ...other.localizations]) if (l?.locale) versions[l.locale] = { slug: l.slug, title: l.title };
  return { kind: 'untranslated', title: other.title, versions };
});
