import type { Core } from '@strapi/strapi';
import { registerGraphqlSchemaRules } from './bootstrap/graphql';
import { registerPublicAccess } from './public-access';
import { registerSlugGuard } from './api/article/slugs/guard';
import { ensureUniqueSlugIndexes } from './api/article/slugs/unique-index';
import { syncLocales } from './bootstrap/locales';
import { syncPublicPermissions } from './bootstrap/permissions';
import { createAdminFromEnv } from './bootstrap/admin';
import { syncSiteWebhook } from './bootstrap/webhook';
import { syncPreviewToken } from './bootstrap/preview-token';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerGraphqlSchemaRules(strapi);
    registerPublicAccess(strapi);
    registerSlugGuard(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await syncLocales(strapi);
    await ensureUniqueSlugIndexes(strapi);
    await syncPublicPermissions(strapi);
    await createAdminFromEnv(strapi);
    await syncSiteWebhook(strapi);
    await syncPreviewToken(strapi);
  },
};
