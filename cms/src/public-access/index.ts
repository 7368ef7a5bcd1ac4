import type { Core } from '@strapi/strapi';
import { registerDocumentGuard } from './document-guard';
import { registerGraphqlGuard } from './graphql-guard';
import { gateUploadRoutes } from './rest-gate';

export { restGate } from './rest-gate';

/** The public reads published content only, through filters, sorts and populates it may use. */
export function registerPublicAccess(strapi: Core.Strapi) {
  registerDocumentGuard(strapi);
  registerGraphqlGuard(strapi);
  gateUploadRoutes(strapi);
}
