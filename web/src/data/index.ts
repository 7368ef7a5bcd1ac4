/**
 * The site's one data module: every getter a page awaits, each with the cache tags of what it
 * reads. Pages only await a getter and render. One GraphQL request per page.
 */
import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { draftMode } from 'next/headers';
import { cache } from 'react';
import { isSlug } from '../../../cms/src/api/article/slugs/rules';
import { env } from '@/lib/env';
import { localeCodes, sourceLocale } from '@/lib/locales';
import type { ShareTarget } from '@/lib/paths';
import { cmsClient, CmsError, noteCmsFailure } from './client';
import { ARTICLES_PER_PAGE, FEED_ARTICLES, SITEMAP_PAGE_SIZE } from './constants';
import {
  ArticleListDocument,
  FeedContentDocument,
  SitemapArticlesDocument,
  SitemapStatementDocument,
  type FeedContentQuery,
  ArticlePageDocument,
  ArticleSlugsDocument,
  HomePageDocument,
  PingDocument,
  StatementPageDocument,
  type ArticlePageQuery,
  type ArticleSummaryFragment,
  type HomePageQuery,
  type PublicationStatus,
  type StatementPageQuery,
} from './generated/graphql';
import { lookUpArticleSlug } from './slugs';
import { REVALIDATE_SECONDS, tags } from './tags';

export { CmsError } from './client';
export { ARTICLES_PER_PAGE };

export type Statement = NonNullable<StatementPageQuery['statement']>;
export type StatementSummary = NonNullable<HomePageQuery['statement']>;
export type ArticleSummary = ArticleSummaryFragment;
export type Article = NonNullable<ArticlePageQuery['article'][number]>;
export type ReviewState = NonNullable<Statement['translation']>['reviewState'];

/** A document's versions: locale → its slug (articles) and title, for the switcher and hreflang. */
export type Versions = Record<string, { slug?: string; title?: string }>;

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
 * `publishedOnly`: what is published even in a preview (feeds, sitemap).
 */
async function cmsQuery<TData, TVariables extends OperationVariables & { status?: PublicationStatus | null }>(
  query: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  cacheTags: string[],
  { publishedOnly = false } = {},
): Promise<TData> {
  const preview = !publishedOnly && (await inPreview());
  const context = preview
    ? { fetchOptions: { cache: 'no-store' }, headers: { authorization: `Bearer ${env().PREVIEW_API_TOKEN}` } }
    : { fetchOptions: { cache: 'force-cache', next: { revalidate: REVALIDATE_SECONDS, tags: [tags.all, ...cacheTags] } } };
  try {
    const { data } = await cmsClient().query({
      query,
      variables: preview ? { ...variables, status: 'DRAFT' } : variables,
      context,
    });
    if (!data) throw new Error('empty answer');
    return data;
  } catch (error) {
    noteCmsFailure();
    throw new CmsError(`CMS query ${operationName(query)} failed: ${(error as Error).message}`);
  }
}

function operationName(query: TypedDocumentNode<unknown, never>): string {
  const op = query.definitions.find((d) => d.kind === 'OperationDefinition');
  return (op && 'name' in op && op.name?.value) || 'anonymous';
}

// ---------------------------------------------------------------------------------------------
// Build-time helpers (no request scope, never throw)

/** Whether the CMS answers GraphQL now. The build prerenders pages only when it does. */
export async function cmsIsReachable(): Promise<boolean> {
  try {
    const { data } = await cmsClient().query({ query: PingDocument, context: { fetchOptions: { cache: 'no-store' } } });
    return Boolean(data);
  } catch {
    return false;
  }
}

/** How many of a locale's newest articles the build prerenders; the others render on first request. */
const PRERENDERED_ARTICLES = 100;

/** The slugs of a locale's newest articles, for prerendering; [] when the CMS is down. */
export async function getArticleParams(locale: string): Promise<{ slug: string }[]> {
  try {
    const { data } = await cmsClient().query({
      query: ArticleSlugsDocument,
      variables: { locale, pageSize: PRERENDERED_ARTICLES },
      context: { fetchOptions: { cache: 'no-store' } },
    });
    return (data?.articles ?? []).flatMap((article) => (article?.slug ? [{ slug: article.slug }] : []));
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Page getters

export const getHome = cache(async (locale: string) => {
  const data = await cmsQuery(HomePageDocument, { locale, latest: 5 }, [tags.statement(locale), tags.articleList(locale)]);
  return {
    statement: data.statement ?? null,
    latest: data.articles.filter((a): a is ArticleSummary => Boolean(a)),
  };
});

export const getStatement = cache(async (locale: string) => {
  const data = await cmsQuery(StatementPageDocument, { locale }, [tags.statement(locale)]);
  return data.statement ?? null;
});

/** The locales a statement exists in (its own and its published localizations). */
export function statementVersions(statement: {
  locale?: string | null;
  localizations: ({ locale?: string | null } | null)[];
}): Versions {
  const versions: Versions = {};
  for (const l of [statement, ...statement.localizations]) if (l?.locale) versions[l.locale] = {};
  return versions;
}

export const getArticleList = cache(async (locale: string, page: number) => {
  const data = await cmsQuery(ArticleListDocument, { locale, page, pageSize: ARTICLES_PER_PAGE }, [tags.articleList(locale)]);
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
  /** The article exists, but not in the requested locale (another locale's slug is redirected
   * before the page renders: see ./slugs.ts). */
  | { kind: 'untranslated'; title: string; versions: Versions }
  | { kind: 'not-found' };

export const getArticle = cache(async (locale: string, slug: string): Promise<ArticleLookup> => {
  if (!isSlug(slug)) return { kind: 'not-found' };
  const data = await cmsQuery(ArticlePageDocument, { locale, slug }, [tags.article(locale, slug)]);

  const article = data.article[0];
  if (article) {
    const versions: Versions = { [locale]: { slug: article.slug, title: article.title } };
    for (const l of article.localizations) if (l?.locale) versions[l.locale] = { slug: l.slug, title: l.title };
    return { kind: 'article', article, versions };
  }

  const others = data.elsewhere.filter((a): a is NonNullable<typeof a> => Boolean(a));
  const other = others.find((a) => a.locale === sourceLocale) ?? others[0];
  if (!other) return { kind: 'not-found' };
  const versions: Versions = {};
  for (const l of [other, ...other.localizations]) if (l?.locale) versions[l.locale] = { slug: l.slug, title: l.title };
  return { kind: 'untranslated', title: other.title, versions };
});

/** A share target's document in a locale, with its canonical target and the tag of its page. */
export type TargetDocument = { target: ShareTarget; tag: string } & (
  { kind: 'statement'; statement: Statement } | { kind: 'article'; article: Article }
);

/**
 * The statement or an article as the reposting assets (images, PDFs, oEmbed) read it: published in
 * `locale` (a draft in an editor's preview), or null when it has no version there, so that nothing
 * is ever made from another language.
 */
export async function getTarget(locale: string, target: ShareTarget): Promise<TargetDocument | null> {
  if (target.kind === 'statement') {
    const statement = await getStatement(locale);
    return statement ? { kind: 'statement', statement, target, tag: tags.statement(locale) } : null;
  }
  // Asked for any slug a client makes up (oEmbed takes whole URLs): the bounded slug cache answers
  // for one no article has, so no page query, and no data-cache entry on disk, is made for it.
  if ((await lookUpArticleSlug(locale, target.slug)).kind === 'unknown') return null;
  const found = await getArticle(locale, target.slug);
  if (found.kind !== 'article') return null;
  const { slug } = found.article;
  return { kind: 'article', article: found.article, target: { kind: 'article', slug }, tag: tags.article(locale, slug) };
}

// ---------------------------------------------------------------------------------------------
// Feeds and sitemap: what is published, always (an editor's preview does not change them)

const publishedOnly = { publishedOnly: true };

export type FeedStatement = NonNullable<FeedContentQuery['statement']>;
export type FeedArticle = NonNullable<FeedContentQuery['articles'][number]>;

/** A locale's feed: its published statement (or null) and its newest published articles. */
export async function getFeedContent(locale: string): Promise<{ statement: FeedStatement | null; articles: FeedArticle[] }> {
  const data = await cmsQuery(
    FeedContentDocument,
    { locale, latest: FEED_ARTICLES },
    [tags.statement(locale), tags.articleList(locale)],
    publishedOnly,
  );
  return { statement: data.statement ?? null, articles: data.articles.filter((a): a is FeedArticle => Boolean(a)) };
}

/** One published version of a document: its locale, its slug (articles), when it last changed. */
export type PublishedVersion = { locale: string; slug?: string; updatedAt: string | null };

/** Pages of the article list asked for at once, the first time (later they come from the cache). */
const SITEMAP_CONCURRENCY = 4;

/** When a published version last changed: the later of its publication and its last update (ISO dates). */
export const lastChange = (version: { publishedAt?: string | null; updatedAt?: string | null }): string | null =>
  [version.publishedAt, version.updatedAt]
    .filter((d): d is string => Boolean(d))
    .sort()
    .at(-1) ?? null;

/**
 * Everything the sitemap lists: the locales the statement is published in, and every published
 * article as its published versions (one document's versions together), paged through the CMS.
 */
export async function getSitemapContent(): Promise<{ statement: PublishedVersion[]; articles: PublishedVersion[][] }> {
  const statements = await Promise.all(
    localeCodes.map((locale) => cmsQuery(SitemapStatementDocument, { locale }, [tags.statement(locale)], publishedOnly)),
  );
  const statement = statements.flatMap(({ statement: s }) => (s?.locale ? [{ locale: s.locale, updatedAt: lastChange(s) }] : []));

  const listTags = localeCodes.map(tags.articleList);
  const page = (n: number) =>
    cmsQuery(SitemapArticlesDocument, { page: n, pageSize: SITEMAP_PAGE_SIZE }, listTags, publishedOnly);
  const first = await page(1);
  const pages = [first];
  const pageCount = first.articles_connection?.pageInfo.pageCount ?? 1;
  for (let n = 2; n <= pageCount; n += SITEMAP_CONCURRENCY) {
    const batch = Array.from({ length: Math.min(SITEMAP_CONCURRENCY, pageCount - n + 1) }, (_, i) => page(n + i));
    pages.push(...(await Promise.all(batch)));
  }

  // Keyed by document and locale: a publish between two pages cannot list a version twice.
  const documents = new Map<string, Map<string, PublishedVersion>>();
  for (const node of pages.flatMap((p) => p.articles_connection?.nodes ?? [])) {
    if (!node.locale || !node.slug) continue;
    const versions = documents.get(node.documentId) ?? new Map<string, PublishedVersion>();
    versions.set(node.locale, { locale: node.locale, slug: node.slug, updatedAt: lastChange(node) });
    documents.set(node.documentId, versions);
  }
  return { statement, articles: [...documents.values()].map((versions) => [...versions.values()]) };
}
