import type { Core } from '@strapi/strapi';
import localeList from '@publication/locales/locales.json';
import { markTranslationCurrent } from './mark-current';
import { findVersion } from './revisions';
import { TRANSLATED_TYPES, type ContentTypeName } from './source-fields';
import { documentStatus, sourceDiff, translationOverview } from './status';

type Ctx = {
  params: Record<string, string>;
  query: Record<string, unknown>;
  state: { userAbility?: unknown };
  body: unknown;
  status: number;
};

function contentTypeParam(ctx: Ctx): ContentTypeName | null {
  const name = ctx.params.contentType;
  return name && Object.hasOwn(TRANSLATED_TYPES, name) ? (name as ContentTypeName) : null;
}

function fail(ctx: Ctx, status: number, message: string) {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name: status === 404 ? 'NotFoundError' : 'ForbiddenError', message } };
}

const locales = localeList.locales.map(({ code, name, englishName, dir }) => ({ code, name, englishName, dir }));

/**
 * The admin panel's view of translations (list column, side panel, overview page), under
 * /admin/translations: signed-in editors and translators only; marking a translation up to date
 * needs the right to edit that locale of that document.
 */
export function registerTranslationAdminApi(strapi: Core.Strapi) {
  const policies = ['admin::isAuthenticatedAdmin'];
  const routes = [
    {
      method: 'GET',
      path: '/translations/overview',
      handler: async (ctx: Ctx) => {
        ctx.body = { sourceLocale: localeList.defaultLocale, locales, documents: await translationOverview(strapi) };
      },
      config: { policies },
    },
    {
      method: 'GET',
      path: '/translations/documents/:contentType/:documentId',
      handler: async (ctx: Ctx) => {
        const contentType = contentTypeParam(ctx);
        if (!contentType) return fail(ctx, 404, 'No such content type.');
        const document = await documentStatus(strapi, contentType, ctx.params.documentId!);
        if (!document) return fail(ctx, 404, 'No such document.');
        const locale = typeof ctx.query.locale === 'string' ? ctx.query.locale : null;
        const status = locale ? document.locales[locale] : undefined;
        const diff =
          status && (status.state === 'outdated' || status.state === 'draft')
            ? await sourceDiff(strapi, contentType, document.documentId, locale!, status.sourceRevision)
            : null;
        ctx.body = { sourceLocale: localeList.defaultLocale, locales, document, diff };
      },
      config: { policies },
    },
    {
      method: 'POST',
      path: '/translations/documents/:contentType/:documentId/:locale/mark-current',
      handler: async (ctx: Ctx) => {
        const contentType = contentTypeParam(ctx);
        const { documentId, locale } = ctx.params as { documentId: string; locale: string };
        if (!contentType) return fail(ctx, 404, 'No such content type.');
        if (locale === localeList.defaultLocale || !locales.some((l) => l.code === locale)) {
          return fail(ctx, 404, 'Only a translation can be marked up to date.');
        }
        const { uid } = TRANSLATED_TYPES[contentType];
        const draft = await findVersion(strapi, uid, documentId, locale, 'draft');
        if (!draft) return fail(ctx, 404, 'This document has no version in that language.');
        const checker = strapi
          .plugin('content-manager')
          .service('permission-checker')
          .create({ userAbility: ctx.state.userAbility, model: uid }) as { cannot: { update: (v: unknown) => boolean } };
        if (checker.cannot.update(draft)) return fail(ctx, 403, 'You may not edit this language of this document.');
        if (!(await markTranslationCurrent(strapi, uid, documentId, locale))) {
          return fail(ctx, 404, 'This document has no English source.');
        }
        ctx.body = { document: await documentStatus(strapi, contentType, documentId) };
      },
      config: { policies },
    },
  ];
  const admin = strapi.admin as unknown as { routes: Record<string, unknown> };
  admin.routes.translations = { type: 'admin', routes };
}
