import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DRAFTS_FORBIDDEN, isPublicRequest } from './readers';
import { checkQuery, type Attribute, type GetModel, type Model } from './query-rules';

type Resolve = (parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

/**
 * GraphQL resolves relations and media (`localizations`, `cover`, `UploadFile.related`) with its own
 * database queries, outside the Document Service: the same rules are applied to their arguments, and
 * their status is pinned to published instead of being inherited from the root query.
 */
export function registerGraphqlGuard(strapi: Core.Strapi) {
  const getModel = strapi.getModel.bind(strapi) as unknown as GetModel;

  const guard =
    (attribute: Attribute, target: Model | undefined) =>
    async (next: Resolve, parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => {
      if (!isPublicRequest(strapi)) return next(parent, args, context, info);
      // A polymorphic relation (a file's `related`) reaches every row that uses the file, drafts included.
      if (!target || attribute.relation?.startsWith('morph')) throw new errors.ForbiddenError(DRAFTS_FORBIDDEN);
      checkQuery({ filters: args.filters, sort: args.sort, pagination: args.pagination }, target, getModel);
      return next(parent, { ...args, status: 'published' }, context, info);
    };

  strapi
    .plugin('graphql')
    .service('extension')
    .use(({ strapi: app }: { strapi: Core.Strapi }) => {
      const naming = app.plugin('graphql').service('utils').naming;
      const models = [...Object.values(app.contentTypes), ...Object.values(app.components)] as unknown as (Model & {
        modelType: string;
      })[];
      const resolversConfig: Record<string, { middlewares: unknown[] }> = {};
      for (const model of models) {
        const typeName = model.modelType === 'component' ? naming.getComponentName(model) : naming.getTypeName(model);
        for (const [name, attribute] of Object.entries(model.attributes)) {
          if (attribute.type !== 'relation' && attribute.type !== 'media') continue;
          const target = getModel(attribute.type === 'media' ? 'plugin::upload.file' : (attribute.target ?? ''));
          const middlewares = [guard(attribute, target)];
          resolversConfig[`${typeName}.${name}`] = { middlewares };
          resolversConfig[`${typeName}.${name}_connection`] = { middlewares };
        }
      }
      return { resolversConfig };
    });
}
