import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import localeList from '@publication/locales/locales.json';
import { assertPublishedOnly, mayReadDrafts } from './readers';
import { checkQuery, type GetModel } from './query-rules';

const LOCALES = new Set(['all', '*', ...localeList.locales.map((locale) => locale.code)]);
const POSITIVE_INTEGER = /^[1-9][0-9]{0,5}$/;
const NON_NEGATIVE_INTEGER = /^(0|[1-9][0-9]{0,5})$/;
const PAGINATION: Record<string, RegExp> = {
  page: POSITIVE_INTEGER,
  pageSize: POSITIVE_INTEGER,
  start: NON_NEGATIVE_INTEGER,
  limit: POSITIVE_INTEGER,
  withCount: /^(true|false)$/,
};

/** Answers 400 to a locale or pagination that Strapi would silently ignore. */
function checkLocaleAndPagination(query: Record<string, unknown>) {
  const { locale, pagination } = query as { locale?: unknown; pagination?: unknown };
  if (locale !== undefined && (typeof locale !== 'string' || !LOCALES.has(locale))) {
    throw new errors.ValidationError(`Unknown locale. Use one of: ${localeList.locales.map((l) => l.code).join(', ')}`);
  }
  if (pagination === undefined) return;
  const bad =
    typeof pagination !== 'object' ||
    pagination === null ||
    Object.entries(pagination).some(([key, value]) => typeof value !== 'string' || !PAGINATION[key]?.test(value));
  if (bad) throw new errors.ValidationError('Invalid pagination: page, pageSize, start and limit must be whole numbers.');
}

/**
 * The public REST routes' gate: a `status` other than exactly `published` (or any v4/v5 way of asking
 * for drafts) is 403 for the public, a query it may not make is 400, both before the controller runs.
 * The Document Service guard enforces the same again where queries are built.
 */
export const restGate =
  (uid: string): Core.MiddlewareHandler =>
  async (ctx, next) => {
    const query = (ctx.query ?? {}) as Record<string, unknown>;
    if (!mayReadDrafts(ctx.state.auth)) {
      assertPublishedOnly(query);
      const getModel = strapi.getModel.bind(strapi) as unknown as GetModel;
      const model = getModel(uid);
      if (model) checkQuery(query, model, getModel);
    }
    checkLocaleAndPagination(query);
    await next();
  };

/** The upload plugin's public read routes query files directly, outside the Document Service. */
export function gateUploadRoutes(strapi: Core.Strapi) {
  const contentApi = (strapi.plugin('upload')?.routes as Record<string, { routes?: Core.Route[] }> | undefined)?.['content-api'];
  for (const route of contentApi?.routes ?? []) {
    if (route.method !== 'GET') continue;
    route.config = { ...route.config, middlewares: [...(route.config?.middlewares ?? []), restGate('plugin::upload.file')] };
  }
}
