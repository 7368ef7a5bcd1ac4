import type { Core } from '@strapi/strapi';

export const PREVIEW_TOKEN_NAME = 'Site preview (read-only, drafts)';

/**
 * Gives the site a read-only API token, whose key is the generated PREVIEW_API_TOKEN, so that an
 * editor's preview can read drafts. The public cannot: the draft guard admits only API tokens.
 */
export async function syncPreviewToken(strapi: Core.Strapi) {
  const key = process.env.PREVIEW_API_TOKEN;
  if (!key) {
    strapi.log.warn('[preview] PREVIEW_API_TOKEN is not set: draft previews are unavailable');
    return;
  }

  const tokens = strapi.service('admin::api-token');
  const rows = strapi.db.query('admin::api-token');
  const accessKey = tokens.hash(key);
  const keyFields = { accessKey, encryptedKey: strapi.service('admin::encryption').encrypt(key) };

  const existing = await rows.findOne({ where: { name: PREVIEW_TOKEN_NAME } });
  if (existing?.accessKey === accessKey && existing.type === 'read-only') return;

  if (existing) {
    await rows.update({ where: { id: existing.id }, data: { ...keyFields, type: 'read-only', expiresAt: null, lifespan: null } });
  } else {
    const created = await tokens.create({
      name: PREVIEW_TOKEN_NAME,
      description: "Created at start-up for the site's draft preview. Its key is PREVIEW_API_TOKEN in web/.env.",
      type: 'read-only',
      lifespan: null,
    });
    await rows.update({ where: { id: created.id }, data: keyFields });
  }
  strapi.log.info('[preview] site preview token ready');
}
