import type { Core } from '@strapi/strapi';
import { registerTranslationAdminApi } from './admin-api';
import { registerTranslationGraphql } from './graphql';
import { lockManagedFieldsInForms, registerTranslationGuard } from './guard';

/** The translation workflow: provenance kept on every save, its state for editors, the site and scripts. */
export function registerTranslations(strapi: Core.Strapi) {
  registerTranslationGuard(strapi);
  registerTranslationAdminApi(strapi);
  registerTranslationGraphql(strapi);
}

/** At every start: the admin form cannot edit what the CMS keeps itself. */
export async function bootstrapTranslations(strapi: Core.Strapi) {
  await lockManagedFieldsInForms(strapi);
}
