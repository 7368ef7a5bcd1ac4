import type { Core } from '@strapi/strapi';
import fs from 'node:fs';
import path from 'node:path';
import type { Block } from './blocks';
import { readArticleSeeds, readMediaSeed, readStatementSeeds, type ArticleSeed, type StatementSeed } from './seed-files';

const STATEMENT = 'api::statement.statement';
const ARTICLE = 'api::article.article';
const FILE = 'plugin::upload.file';

type UploadedFile = { id: number; name: string; url: string; [field: string]: unknown };

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

async function articleData(strapi: Core.Strapi, seed: ArticleSeed) {
  return {
    title: seed.title,
    slug: seed.slug,
    excerpt: seed.excerpt,
    body: await withUploadedImages(strapi, seed.body),
    seo: seed.seo ?? null,
    translation: seed.translation,
    ...(seed.cover ? { cover: (await ensureMedia(strapi, seed.cover)).id } : {}),
  };
}

/**
 * Uploads a seed image to the media library once (found again by its file name), as an editor's
 * upload would: the CMS stores it and makes its smaller formats.
 */
async function ensureMedia(strapi: Core.Strapi, reference: string): Promise<UploadedFile> {
  const { file, alternativeText } = readMediaSeed(reference);
  const name = path.basename(file);
  const existing = (await strapi.db.query(FILE).findOne({ where: { name } })) as UploadedFile | null;
  if (existing) return existing;
  const [uploaded] = (await strapi
    .plugin('upload')
    .service('upload')
    .upload({
      data: { fileInfo: { name, alternativeText } },
      files: {
        filepath: file,
        originalFilename: name,
        mimetype: `image/${path.extname(name).slice(1)}`,
        size: fs.statSync(file).size,
      },
    })) as UploadedFile[];
  if (!uploaded) throw new Error(`Could not upload ${reference}`);
  return uploaded;
}

/** Image blocks of a seed file point at the seed folder; the stored blocks carry the uploaded file. */
async function withUploadedImages(strapi: Core.Strapi, body: Block[]): Promise<Block[]> {
  return Promise.all(
    body.map(async (block) => {
      if (block.type !== 'image') return block;
      const uploaded = await ensureMedia(strapi, block.image.url);
      return { ...block, image: { ...uploaded, alternativeText: block.image.alternativeText } };
    }),
  );
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
    statementId = await ensureVersion(
      strapi,
      STATEMENT,
      statementId,
      version.locale,
      statementData(version),
      true,
      label,
      report,
    );
  }

  for (const versions of readArticleSeeds()) {
    let documentId = await findArticle(strapi, versions);
    for (const version of sourceFirst(versions, sourceLocale)) {
      const label = `article/${version.key}/${version.locale}`;
      documentId = await ensureVersion(
        strapi,
        ARTICLE,
        documentId,
        version.locale,
        await articleData(strapi, version),
        version.status === 'published',
        label,
        report,
      );
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
