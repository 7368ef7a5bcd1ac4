import type { Core } from '@strapi/strapi';
import { writingManagedFields } from './guard';
import { findVersion, recordCurrentSourceRevision } from './revisions';
import type { TranslatedUid } from './source-fields';

/**
 * Records that the draft of a translation is made from the English as it is now: its source
 * revision becomes the current one (published when an editor publishes the draft).
 * Returns false when there is no such translation or no English to be current with.
 */
export async function markTranslationCurrent(strapi: Core.Strapi, uid: TranslatedUid, documentId: string, locale: string) {
  const draft = await findVersion(strapi, uid, documentId, locale, 'draft');
  const source = draft ? await recordCurrentSourceRevision(strapi, uid, documentId) : null;
  if (!draft || !source) return false;
  const { id: _component, ...translation } = (draft.translation ?? {}) as Record<string, unknown>;
  await writingManagedFields(() =>
    strapi.documents(uid).update({
      documentId,
      locale,
      data: { translation: { ...translation, sourceRevision: source.revision, sourceRevisionDate: source.date } },
    } as never),
  );
  return true;
}
