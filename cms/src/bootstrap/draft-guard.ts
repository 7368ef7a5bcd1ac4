import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

type Auth = { strategy?: { name?: string }; credentials?: { type?: string } } | undefined;

/** Query arguments through which Strapi 5 (and its v4 compatibility layer) serves unpublished versions. */
const DRAFT_ARGS: Record<string, (value: unknown) => boolean> = {
  status: (value) => String(value).toLowerCase() !== 'published',
  publicationState: (value) => String(value).toLowerCase() !== 'live',
};

export function asksForDrafts(args: Record<string, unknown> | undefined | null): boolean {
  if (!args) return false;
  return Object.entries(DRAFT_ARGS).some(
    ([name, isDraft]) => args[name] !== undefined && args[name] !== null && isDraft(args[name]),
  );
}

// Strapi 5.54 names its content API token strategy `content-api-token` (earlier 5.x: `api-token`).
const TOKEN_STRATEGIES = ['content-api-token', 'api-token'];

/** Only an API token an admin issued (such as the site's preview token) may read drafts; the public never can. */
export function mayReadDrafts(auth: Auth): boolean {
  return (
    TOKEN_STRATEGIES.includes(auth?.strategy?.name ?? '') && ['read-only', 'full-access'].includes(auth?.credentials?.type ?? '')
  );
}

export const DRAFTS_FORBIDDEN = 'Drafts are not public: only published content can be read.';

export function assertMayRead(args: Record<string, unknown> | undefined | null, auth: Auth) {
  if (asksForDrafts(args) && !mayReadDrafts(auth)) {
    throw new errors.ForbiddenError(DRAFTS_FORBIDDEN);
  }
}

// Nested fields (localizations) take the root query's status, so guarding the roots covers them.
const GUARDED_FIELDS = ['Query.statement', 'Query.articles', 'Query.articles_connection', 'Query.article'];

export function registerGraphqlDraftGuard(strapi: Core.Strapi) {
  type Resolve = (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown;
  const guard = async (next: Resolve, parent: unknown, args: Record<string, unknown>, context: { state?: { auth?: Auth } }, info: unknown) => {
    assertMayRead(args, context?.state?.auth);
    return next(parent, args, context, info);
  };

  strapi
    .plugin('graphql')
    .service('extension')
    .use(() => ({
      resolversConfig: Object.fromEntries(GUARDED_FIELDS.map((field) => [field, { middlewares: [guard] }])),
    }));
}
