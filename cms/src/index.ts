import type { Core } from '@strapi/strapi';
import { createAdminFromEnv } from './accounts/first-admin';
import { syncTranslatorRoles } from './accounts/translator-roles';
import { registerSlugGuard } from './api/article/slugs/guard';
import { ensureUniqueSlugIndexes } from './api/article/slugs/unique-index';
import { registerGraphqlSchemaRules } from './graphql/read-only-schema';
import { syncLocales } from './i18n/sync-locales';
import { registerPublicAccess } from './public-access';
import { syncPublicPermissions } from './public-access/permissions';
import { syncPreviewToken } from './site/preview-token';
import { syncSiteWebhook } from './site/webhook';
import { bootstrapTranslations, registerTranslations } from './translations';

/**
 * register: what must be in place before Strapi builds its APIs (guards on the Document Service,
 * the read-only GraphQL schema). bootstrap: what every start brings back to the state the code says
 * (locales, indexes, the Public role, the site's webhook and preview token, a first admin if asked).
 */

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerGraphqlSchemaRules(strapi);
    registerPublicAccess(strapi);
    registerSlugGuard(strapi);
    registerTranslations(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await syncLocales(strapi);
    await syncTranslatorRoles(strapi);
    await bootstrapTranslations(strapi);
    await ensureUniqueSlugIndexes(strapi);
    await syncPublicPermissions(strapi);
    await createAdminFromEnv(strapi);
    await syncSiteWebhook(strapi);
    await syncPreviewToken(strapi);
  },
};
