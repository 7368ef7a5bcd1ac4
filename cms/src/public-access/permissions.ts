import type { Core } from '@strapi/strapi';

/** What an anonymous reader may do: read published statement and articles, the media they show, the locales. */
export const PUBLIC_ACTIONS = [
  'api::statement.statement.find',
  'api::article.article.find',
  'api::article.article.findOne',
  'plugin::upload.content-api.find',
  'plugin::upload.content-api.findOne',
  'plugin::i18n.locales.listLocales',
] as const;

const PERMISSION = 'plugin::users-permissions.permission';
const ROLE = 'plugin::users-permissions.role';

/** Sets the Public role to exactly PUBLIC_ACTIONS, removing anything granted by hand. */
export async function syncPublicPermissions(strapi: Core.Strapi) {
  const role = await strapi.db.query(ROLE).findOne({ where: { type: 'public' } });
  if (!role) throw new Error('The users-permissions Public role is missing');

  const granted: { id: number; action: string }[] = await strapi.db.query(PERMISSION).findMany({ where: { role: role.id } });

  const wanted = new Set<string>(PUBLIC_ACTIONS);
  for (const permission of granted) {
    if (!wanted.has(permission.action)) {
      await strapi.db.query(PERMISSION).delete({ where: { id: permission.id } });
      strapi.log.warn(`[permissions] removed public permission ${permission.action}`);
    }
  }

  const present = new Set(granted.map((permission) => permission.action));
  for (const action of PUBLIC_ACTIONS) {
    if (!present.has(action)) {
      await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
    }
  }
}
