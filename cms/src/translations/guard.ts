import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { recordCurrentSourceRevision } from './revisions';
import { isTranslatedUid, SOURCE_LOCALE, type TranslatedUid } from './source-fields';

/** Fields of the translation component the CMS keeps itself: an editor's form cannot set them. */
const MANAGED = ['sourceRevision', 'sourceRevisionDate', 'reviewedAt', 'reviewedBy'] as const;
const TRANSLATION_COMPONENT = 'shared.translation';
type TranslationData = Record<string, unknown> & { reviewState?: string | null };

const trusted = new AsyncLocalStorage<true>();

/** Runs writes that set the managed fields on purpose (marking a translation up to date). */
export function writingManagedFields<T>(work: () => Promise<T>): Promise<T> {
  return trusted.run(true, work);
}

type AdminUser = { firstname?: string | null; lastname?: string | null; username?: string | null; email?: string | null };

function requestUser(strapi: Core.Strapi): AdminUser | undefined {
  const ctx = strapi.requestContext.get() as
    { state?: { user?: AdminUser; auth?: { strategy?: { name?: string } } } } | undefined;
  return ctx?.state?.auth?.strategy?.name === 'admin' ? ctx.state.user : undefined;
}

function displayName(user: AdminUser): string {
  const name = [user.firstname, user.lastname].filter(Boolean).join(' ').trim();
  return (name || user.username || user.email || 'an editor').slice(0, 200);
}

/**
 * Keeps the provenance of every translation honest:
 * - a new translation records the English revision it is made from; later saves keep it, so an
 *   English change makes it outdated until someone marks it up to date (or imports a file made
 *   from the new English);
 * - in an HTTP request (the admin panel), the managed fields come from the stored version, never
 *   from the form; a script (no request: seed, XLIFF import) may set the revision it knows;
 * - turning a translation "human-reviewed" records when and, in the CMS only, which editor.
 * Every publish of the English keeps its text, so that translators can later see what changed.
 */
export function registerTranslationGuard(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (!isTranslatedUid(context.uid)) return next();
    const uid: TranslatedUid = context.uid;
    const params = (context.params ?? {}) as {
      data?: Record<string, unknown>;
      locale?: string;
      documentId?: string;
    };

    if (context.action === 'publish') {
      const result = await next();
      if (params.documentId && (params.locale === SOURCE_LOCALE || params.locale === '*' || params.locale === undefined)) {
        await recordCurrentSourceRevision(strapi, uid, params.documentId);
      }
      return result;
    }

    if ((context.action !== 'create' && context.action !== 'update') || !params.data) return next();
    const locale = params.locale ?? SOURCE_LOCALE;
    if (locale === SOURCE_LOCALE) return next();

    const stored = params.documentId
      ? ((await strapi.db.query(uid).findOne({
          where: { documentId: params.documentId, locale, publishedAt: null },
          populate: ['translation'],
        })) as { translation?: TranslationData | null } | null)
      : null;
    if (stored && params.data.translation === undefined) return next();

    const incoming = { ...((params.data.translation as TranslationData | null | undefined) ?? {}) };
    const fromScript = strapi.requestContext.get() === undefined || trusted.getStore() === true;
    const previous = stored?.translation ?? {};
    const translation: TranslationData = { reviewState: 'machine-assisted', ...incoming };
    for (const field of MANAGED) {
      translation[field] = fromScript && incoming[field] !== undefined ? incoming[field] : (previous[field] ?? null);
    }

    if (!stored && params.documentId && !(fromScript && incoming.sourceRevision)) {
      const source = await recordCurrentSourceRevision(strapi, uid, params.documentId);
      translation.sourceRevision = source?.revision ?? null;
      translation.sourceRevisionDate = source?.date ?? null;
    }

    const reviewed = translation.reviewState === 'human-reviewed';
    if (!reviewed) {
      translation.reviewedAt = null;
      translation.reviewedBy = null;
    } else if (previous.reviewState !== 'human-reviewed' && !(fromScript && incoming.reviewedAt)) {
      translation.reviewedAt = new Date().toISOString();
      const user = requestUser(strapi);
      translation.reviewedBy = user ? displayName(user) : (translation.reviewedBy ?? null);
    }

    context.params = { ...params, data: { ...params.data, translation } } as typeof context.params;
    return next();
  });
}

type Metadata = { edit?: { editable?: boolean; description?: string } };
type ComponentsService = {
  findComponent: (uid: string) => unknown;
  findConfiguration: (
    component: unknown,
  ) => Promise<{ settings: unknown; metadatas: Record<string, Metadata>; layouts: unknown }>;
  updateConfiguration: (component: unknown, configuration: unknown) => Promise<unknown>;
};

/** The admin form shows the fields the CMS keeps itself read-only (a save would ignore them anyway). */
export async function lockManagedFieldsInForms(strapi: Core.Strapi) {
  const components = strapi.plugin('content-manager').service('components') as ComponentsService;
  const component = components.findComponent(TRANSLATION_COMPONENT);
  if (!component) return;
  const { settings, metadatas, layouts } = await components.findConfiguration(component);
  const locked = MANAGED.filter((field) => metadatas[field]?.edit && metadatas[field].edit.editable !== false);
  if (!locked.length) return;
  for (const field of locked) {
    metadatas[field]!.edit = { ...metadatas[field]!.edit, editable: false, description: 'Kept by the CMS' };
  }
  await components.updateConfiguration(component, { settings, metadatas, layouts });
}
