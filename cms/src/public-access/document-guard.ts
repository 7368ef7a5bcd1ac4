import type { Core } from '@strapi/strapi';
import { assertPublishedOnly, isPublicRequest } from './readers';
import { checkQuery, type GetModel } from './query-rules';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/**
 * Every read of the public, REST and GraphQL alike, goes through the Document Service: there it is
 * made published-only and its filters, sorts and populates are checked, before any SQL is built.
 */
export function registerDocumentGuard(strapi: Core.Strapi) {
  const getModel = strapi.getModel.bind(strapi) as unknown as GetModel;
  strapi.documents.use(async (context, next) => {
    if (!READ_ACTIONS.has(context.action) || !isPublicRequest(strapi)) return next();
    const params = (context.params ?? {}) as Record<string, unknown>;
    assertPublishedOnly(params);
    const model = getModel(context.uid);
    if (model) checkQuery(params, model, getModel);
    context.params = { ...params, status: 'published' } as typeof context.params;
    return next();
  });
}
