import type { Core } from '@strapi/strapi';

const READ_ONLY_TYPES = [
  'api::statement.statement',
  'api::article.article',
  'plugin::upload.file',
  'plugin::i18n.locale',
  'plugin::users-permissions.user',
  'plugin::users-permissions.role',
  'plugin::users-permissions.permission',
  'plugin::review-workflows.workflow',
  'plugin::review-workflows.workflow-stage',
] as const;

/** Keeps write operations out of the public schema (the no-mutations rule refuses what is left). */
export function registerGraphqlSchemaRules(strapi: Core.Strapi) {
  const extension = strapi.plugin('graphql').service('extension');
  for (const uid of READ_ONLY_TYPES) {
    extension.shadowCRUD(uid).disableMutations();
  }
}
