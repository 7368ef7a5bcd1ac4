import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

type Auth = { strategy?: { name?: string }; credentials?: { type?: string } | null } | undefined;

// Strapi 5.54 names its content API token strategy `content-api-token` (earlier 5.x: `api-token`).
const TOKEN_STRATEGIES = ['content-api-token', 'api-token'];
// The admin panel's session and admin-kind tokens; admin routes check the editor's permissions themselves.
const ADMIN_STRATEGIES = ['admin', 'admin-token'];

/**
 * Editors (the admin panel) and API tokens an admin issued (such as the site's preview token) may
 * read drafts; anyone else, anonymous or a users-permissions account, is the public.
 */
export function mayReadDrafts(auth: Auth): boolean {
  if (ADMIN_STRATEGIES.includes(auth?.strategy?.name ?? '')) return true;
  return (
    TOKEN_STRATEGIES.includes(auth?.strategy?.name ?? '') && ['read-only', 'full-access'].includes(auth?.credentials?.type ?? '')
  );
}

/** True inside an HTTP request by the public; false for editors, tokens and scripts without a request (seed). */
export function isPublicRequest(strapi: Core.Strapi): boolean {
  const ctx = strapi.requestContext.get() as { state?: { auth?: Auth } } | undefined;
  return ctx !== undefined && !mayReadDrafts(ctx.state?.auth);
}

export const DRAFTS_FORBIDDEN = 'Drafts are not public: only published content can be read.';

/**
 * The public reads published versions: `status` exactly absent or `published` (Strapi treats any
 * other value, `PUBLISHED` included, as draft), v4's `publicationState` absent or `live`, and no
 * publication cohorts (`publicationFilter`, `hasPublishedVersion`), which exist to find drafts.
 */
export function assertPublishedOnly(params: Record<string, unknown>) {
  const { status, publicationState, publicationFilter, hasPublishedVersion } = params;
  const published =
    (status == null || status === 'published') &&
    (publicationState == null || publicationState === 'live') &&
    publicationFilter == null &&
    hasPublishedVersion == null;
  if (!published) throw new errors.ForbiddenError(DRAFTS_FORBIDDEN);
}
