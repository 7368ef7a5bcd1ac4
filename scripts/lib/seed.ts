import type { Core } from '@strapi/strapi';
import { readArticleSeeds, readStatementSeeds, type ArticleSeed, type StatementSeed } from './seed-files';

const STATEMENT = 'api::statement.statement';
const ARTICLE = 'api::article.article';

export type SeedReport = { created: string[]; skipped: string[] };

/** The source locale's version goes first: it creates the document the translations attach to. */
function sourceFirst<T extends { locale: string }>(items: T[], source: string): T[] {
  return [...items].sort((a, b) => Number(b.locale === source) - Number(a.locale === source));
}

function statementData(seed: StatementSeed) {
  return {
    title: seed.title,
    lead: seed.lead,
    body: seed.body,
    callToAction: seed.callToAction,
    seo: seed.seo ?? null,
    translation: seed.translation,
  };
}

function articleData(seed: ArticleSeed) {
  return {
    title: seed.title,
    slug: seed.slug,
    excerpt: seed.excerpt,
    body: seed.body,
    seo: seed.seo ?? null,
    translation: seed.translation,
  };
}

/**
 * Creates whatever seed content is missing and never touches what exists, so a second run changes
 * and duplicates nothing, and an editor's changes survive. A version is published when its seed file
 * says `status: published` (the statement always is).
 */
export async function seed(strapi: Core.Strapi, sourceLocale = 'en'): Promise<SeedReport> {
  const report: SeedReport = { created: [], skipped: [] };

  const existingStatement = await strapi.db.query(STATEMENT).findOne({ select: ['documentId'] });
  let statementId: string | undefined = existingStatement?.documentId;
  for (const version of sourceFirst(readStatementSeeds(), sourceLocale)) {
    const label = `statement/${version.locale}`;
    statementId = await ensureVersion(strapi, STATEMENT, statementId, version.locale, statementData(version), true, label, report);
  }

  for (const versions of readArticleSeeds()) {
    let documentId = await findArticle(strapi, versions);
    for (const version of sourceFirst(versions, sourceLocale)) {
      const label = `article/${version.key}/${version.locale}`;
      documentId = await ensureVersion(strapi, ARTICLE, documentId, version.locale, articleData(version), version.status === 'published', label, report);
    }
  }

  return report;
}

/** An article already seeded is found by the slug of any of its versions. */
async function findArticle(strapi: Core.Strapi, versions: ArticleSeed[]): Promise<string | undefined> {
  for (const { slug, locale } of versions) {
    const row = await strapi.db.query(ARTICLE).findOne({ select: ['documentId'], where: { slug, locale } });
    if (row) return row.documentId;
  }
  return undefined;
}

async function ensureVersion(
  strapi: Core.Strapi,
  uid: typeof STATEMENT | typeof ARTICLE,
  documentId: string | undefined,
  locale: string,
  data: Record<string, unknown>,
  publish: boolean,
  label: string,
  report: SeedReport,
): Promise<string> {
  const documents = strapi.documents(uid);
  if (documentId) {
    const existing = await documents.findOne({ documentId, locale, status: 'draft' });
    if (existing) {
      report.skipped.push(label);
      return documentId;
    }
  }

  const saved = documentId
    ? await documents.update({ documentId, locale, data: data as never })
    : await documents.create({ locale, data: data as never });
  if (!saved) throw new Error(`Could not save ${label}`);
  if (publish) await documents.publish({ documentId: saved.documentId, locale });
  report.created.push(`${label}${publish ? '' : ' (draft)'}`);
  return saved.documentId;
}
