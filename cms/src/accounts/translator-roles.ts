import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import localeList from '@publication/locales/locales.json';
import { TRANSLATED_TYPES } from '../translations/source-fields';

/** The content types translators work on. */
const TRANSLATED_UIDS = Object.values(TRANSLATED_TYPES).map(({ uid }) => uid);

const EXPLORER = 'plugin::content-manager.explorer';

/** Media: pick an image already in the library (a share image, an image in the body) and upload a localized one. */
const MEDIA_ACTIONS = ['plugin::upload.read', 'plugin::upload.assets.create'];

type Permission = {
  action: string;
  subject?: string | null;
  properties?: { fields?: string[]; locales?: string[] | null };
  conditions?: string[];
};
type Model = { uid: string; attributes: Record<string, unknown> };
type ContentTypeService = { getNestedFields: (model: Model, options: { components: Core.Strapi['components'] }) => string[] };

/** Every locale of `locales/locales.json` but the source: one translator role each. */
export const translatorLocales = () => localeList.locales.filter(({ code }) => code !== localeList.defaultLocale);

export const translatorRoleCode = (locale: string) => `translator-${locale}`;
export const translatorRoleName = (locale: string) => `Translator (${locale})`;

/**
 * What a translator of `locale` may do, as admin permissions: read every locale and every field of
 * the translated types; create and update drafts in `locale` only, in every localized field
 * (component sub-fields included, as the content manager lists them). Not the fields shared by all
 * locales (the article's cover): i18n copies those to every other locale, the English included.
 * No publish, no delete.
 */
export function translatorPermissions(strapi: Core.Strapi, locale: string): Permission[] {
  const contentTypes = strapi.service('admin::content-type') as ContentTypeService;
  const i18n = strapi.plugin('i18n').service('content-types') as { getNonLocalizedAttributes: (model: Model) => string[] };
  const allLocales = localeList.locales.map(({ code }) => code);

  const permissions: Permission[] = [];
  for (const uid of TRANSLATED_UIDS) {
    const model = strapi.contentType(uid) as unknown as Model;
    const fields = contentTypes.getNestedFields(model, { components: strapi.components });
    const shared = new Set(i18n.getNonLocalizedAttributes(model));
    const localized = fields.filter((field) => !shared.has(field.split('.')[0]!));
    permissions.push(
      { action: `${EXPLORER}.read`, subject: uid, properties: { fields, locales: allLocales } },
      { action: `${EXPLORER}.create`, subject: uid, properties: { fields: localized, locales: [locale] } },
      { action: `${EXPLORER}.update`, subject: uid, properties: { fields: localized, locales: [locale] } },
    );
  }
  permissions.push(...MEDIA_ACTIONS.map((action) => ({ action })));
  return permissions;
}

type RoleService = {
  findOne: (where: Record<string, unknown>) => Promise<{ id: number; name: string; description?: string | null } | null>;
  create: (attributes: { name: string; code: string; description: string }) => Promise<{ id: number }>;
  update: (where: { id: number }, attributes: { name: string; description: string }) => Promise<unknown>;
  assignPermissions: (roleId: number, permissions: Permission[]) => Promise<unknown>;
};

/**
 * Keeps one admin role per translated locale ("Translator (fa)", ...) with exactly the permissions
 * above: created when missing, its name, description and permissions brought back to the code's at
 * every start (a permission added or removed in the admin panel is undone). Strapi's own roles are
 * left alone, but for the one-time repair of their locales below. Also installs the locale guard
 * below, once per process.
 */
export async function syncTranslatorRoles(strapi: Core.Strapi) {
  guardLocaleCreation(strapi);
  const roles = strapi.service('admin::role') as unknown as RoleService;
  await repairDefaultRoles(strapi, roles);

  for (const { code: locale, englishName } of translatorLocales()) {
    const attributes = {
      name: translatorRoleName(locale),
      description: `Translators into ${englishName}: read every locale, write drafts in ${locale} only; cannot publish or delete.`,
    };
    const code = translatorRoleCode(locale);
    let role = (await roles.findOne({ code })) ?? (await roles.findOne({ name: attributes.name }));
    if (!role) {
      role = { ...(await roles.create({ ...attributes, code })), ...attributes };
      strapi.log.info(`[roles] created ${attributes.name}`);
    } else if (role.name !== attributes.name || role.description !== attributes.description) {
      await roles.update({ id: role.id }, attributes);
    }
    await roles.assignPermissions(role.id, translatorPermissions(strapi, locale));
  }
}

const DEFAULT_ROLES_REPAIRED = { type: 'plugin', name: 'publication', key: 'default-roles-locales-repaired' };

/** Strapi's default roles, and what each is meant to do with content (Strapi's own defaults). */
const DEFAULT_ROLES = [
  { code: 'strapi-editor', actions: ['read', 'create', 'update', 'delete', 'publish'], conditions: [] as string[] },
  { code: 'strapi-author', actions: ['read', 'create', 'update', 'delete'], conditions: ['admin::is-creator'] },
];

/**
 * Strapi creates its default Editor and Author roles on a fresh database with content permissions
 * that carry no `locales` property. For a localized type that means no locale at all: the permission
 * engine then lets them read, create and update nothing, and at the next start Strapi's clean-up
 * deletes their publish and delete permissions outright (strapi/strapi#22781). Editors are the ones
 * who publish translations: once per database, give both roles every locale on the translated
 * types, and the delete (both) and publish (Editor) permissions Strapi meant them to have. Their other
 * permissions are kept as they are, and an administrator may change the roles afterwards.
 */
async function repairDefaultRoles(strapi: Core.Strapi, roles: RoleService) {
  if (await strapi.store.get(DEFAULT_ROLES_REPAIRED)) return;
  const locales = localeList.locales.map(({ code }) => code);
  const translated: readonly string[] = TRANSLATED_UIDS;
  const contentTypes = strapi.service('admin::content-type') as ContentTypeService;

  for (const { code, actions, conditions } of DEFAULT_ROLES) {
    const role = await roles.findOne({ code });
    if (!role) continue;
    const existing = (await strapi.service('admin::permission').findMany({ where: { role: { id: role.id } } })) as Permission[];
    const repaired = existing.map((permission) =>
      permission.subject && translated.includes(permission.subject) && !permission.properties?.locales?.length
        ? { ...permission, properties: { ...permission.properties, locales } }
        : permission,
    );
    for (const subject of TRANSLATED_UIDS) {
      for (const action of actions) {
        if (repaired.some((permission) => permission.action === `${EXPLORER}.${action}` && permission.subject === subject))
          continue;
        const fields = ['read', 'create', 'update'].includes(action)
          ? {
              fields: contentTypes.getNestedFields(strapi.contentType(subject) as unknown as Model, {
                components: strapi.components,
              }),
            }
          : {};
        repaired.push({ action: `${EXPLORER}.${action}`, subject, properties: { ...fields, locales }, conditions });
      }
    }
    await roles.assignPermissions(role.id, repaired);
    strapi.log.info(
      `[roles] ${role.name}: every locale of the translated types, with delete${code === 'strapi-editor' ? ' and publish' : ''}`,
    );
  }
  await strapi.store.set({ ...DEFAULT_ROLES_REPAIRED, value: true });
}

type AdminRequestState = {
  user?: { id: number; roles?: { code: string }[] };
  userAbility?: { can: (action: string, subject: unknown) => boolean };
};

const guarded = new WeakSet<Core.Strapi>();

/**
 * The content manager checks a new locale version of an existing document (and a new document, and
 * a clone) only against "may create something", never against the locale asked for: without this, a
 * Translator (fa) could create the French or English version of an article that lacks one. In an
 * admin request, a Document Service write that creates a version needs the `create` permission for
 * that locale (the version is made by this user, for "is creator" conditions). Updates of an existing
 * version are checked by the content manager against the version itself.
 */
function guardLocaleCreation(strapi: Core.Strapi) {
  if (guarded.has(strapi)) return;
  guarded.add(strapi);
  const i18n = strapi.plugin('i18n').service('content-types') as { isLocalizedContentType: (model: unknown) => boolean };

  strapi.documents.use(async (context, next) => {
    if (!['create', 'update', 'clone'].includes(context.action) || !i18n.isLocalizedContentType(context.contentType)) {
      return next();
    }
    const state = (strapi.requestContext.get() as { state?: AdminRequestState } | undefined)?.state;
    if (!state?.userAbility || !state.user) return next();

    const params = context.params as { documentId?: string; locale?: string };
    const locale = params.locale ?? localeList.defaultLocale;
    if (context.action === 'update' && params.documentId) {
      const existing = await strapi.db.query(context.uid).count({ where: { documentId: params.documentId, locale } });
      if (existing > 0) return next();
    }

    const manager = strapi.service('admin::permission').createPermissionsManager({
      ability: state.userAbility,
      model: context.uid,
    });
    const version = manager.toSubject({ locale, createdBy: { id: state.user.id } }, context.uid);
    if (!state.userAbility.can(`${EXPLORER}.create`, version)) {
      throw new errors.ForbiddenError(`You may not create the ${locale} version of this document.`);
    }
    return next();
  });
}
