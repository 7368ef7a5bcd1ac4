import type { Core } from '@strapi/strapi';
import { SNAPSHOTS, sourceSnapshot } from './revisions';
import { revisionOf, SOURCE_LOCALE, TRANSLATED_TYPES, type TranslatedUid } from './source-fields';

type Parent = { documentId?: string; locale?: string; publishedAt?: string | null };
type Row = Record<string, unknown> & { publishedAt?: string | null; translation?: { sourceRevision?: string | null } | null };

export type ReaderStatus = { state: 'source' | 'current' | 'outdated' | 'unknown'; sourceChangedAt: string | null };

/**
 * What a reader of one version is told: whether the English it was translated from is still the
 * English the public reads, and if not, since when the English reads differently.
 */
async function readerStatus(strapi: Core.Strapi, uid: TranslatedUid, parent: Parent): Promise<ReaderStatus> {
  const { documentId, locale } = parent;
  if (!documentId || !locale) return { state: 'unknown', sourceChangedAt: null };
  if (locale === SOURCE_LOCALE) return { state: 'source', sourceChangedAt: null };
  const query = strapi.db.query(uid);
  const published = { $notNull: true };
  const version = (await query.findOne({
    where: { documentId, locale, publishedAt: parent.publishedAt ? published : null },
    populate: ['translation'],
  })) as Row | null;
  // The public is told about the English it can read; only a preview (a draft) compares with an unpublished English.
  const english = ((await query.findOne({
    where: { documentId, locale: SOURCE_LOCALE, publishedAt: published },
    populate: ['seo'],
  })) ??
    (parent.publishedAt
      ? null
      : await query.findOne({
          where: { documentId, locale: SOURCE_LOCALE, publishedAt: null },
          populate: ['seo'],
        }))) as Row | null;
  const recorded = version?.translation?.sourceRevision;
  if (!english || !recorded) return { state: 'unknown', sourceChangedAt: null };
  const revision = revisionOf(uid, english);
  if (recorded === revision) return { state: 'current', sourceChangedAt: null };
  const snapshot = await sourceSnapshot(strapi, uid, documentId, revision);
  return { state: 'outdated', sourceChangedAt: snapshot?.date ?? english.publishedAt ?? null };
}

/**
 * `translationStatus` on the statement and on articles, for the site's staleness notice; the
 * snapshots of English revisions stay out of the public schema.
 */
export function registerTranslationGraphql(strapi: Core.Strapi) {
  const extension = strapi.plugin('graphql').service('extension');
  extension.shadowCRUD(SNAPSHOTS).disable();
  extension.use(({ nexus }: { nexus: typeof import('nexus') }) => ({
    types: [
      nexus.objectType({
        name: 'TranslationStatus',
        description: 'Whether this translation was made from the English the public reads now.',
        definition(t) {
          t.nonNull.string('state', { description: 'source, current, outdated, or unknown (no source revision recorded)' });
          t.string('sourceChangedAt', { description: 'When the English took its current form, if it changed since' });
        },
      }),
      ...Object.values(TRANSLATED_TYPES).map(({ uid }) =>
        nexus.extendType({
          type: strapi.plugin('graphql').service('utils').naming.getTypeName(strapi.contentType(uid)),
          definition(t) {
            t.field('translationStatus', {
              type: 'TranslationStatus',
              resolve: (parent: Parent) => readerStatus(strapi, uid, parent),
            });
          },
        }),
      ),
    ],
  }));
}
