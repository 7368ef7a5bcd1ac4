import type { Core } from '@strapi/strapi';
import { registerTranslationAdminApi } from './admin-api';
import { registerTranslationGraphql } from './graphql';
import { registerTranslationGuard } from './guard';

/** The translation workflow: provenance kept on every save, its state for editors, the site and scripts. */
export function registerTranslations(strapi: Core.Strapi) {
  registerTranslationGuard(strapi);
  registerTranslationAdminApi(strapi);
  registerTranslationGraphql(strapi);
}
