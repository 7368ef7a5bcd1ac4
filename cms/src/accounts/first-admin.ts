import type { Core } from '@strapi/strapi';

/**
 * Creates the first super admin from ADMIN_EMAIL and ADMIN_PASSWORD when both are set.
 * There is no default account: without them, create one with `npm run admin:create --workspace cms`.
 */
export async function createAdminFromEnv(strapi: Core.Strapi) {
  const email = process.env.ADMIN_EMAIL?.trim().toLowerCase();
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) return;

  const users = strapi.service('admin::user');
  if (await users.exists({ email })) return;

  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await users.create({
    email,
    firstname: process.env.ADMIN_FIRSTNAME || 'Admin',
    password,
    isActive: true,
    roles: superAdmin ? [superAdmin.id] : [],
  });
  strapi.log.info(`[admin] created super admin ${email}`);
}
