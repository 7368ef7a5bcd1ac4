/**
 * Per-locale translator roles (issue 10, item 7), through the admin HTTP API of a real Strapi: a
 * "Translator (fa)" user reads every locale and writes fa drafts only, never publishes or deletes,
 * never writes French, Arabic or the English source; an Editor publishes. The roles survive a restart
 * once each, with exactly the code's permissions. A CMS of its own: the shared one must keep no admin
 * account (tests/integration/security.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type RunningCms } from '../helpers/cms';

const ADMIN_EMAIL = 'roles-admin@example.org';
const password = () => `${randomBytes(12).toString('base64url')}Aa1`;
const ADMIN_PASSWORD = password();

const ARTICLE = 'api::article.article';
const STATEMENT = 'api::statement.statement';
const articles = `/content-manager/collection-types/${ARTICLE}`;
const statement = `/content-manager/single-types/${STATEMENT}`;
const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

type Answer = { status: number; body: any };
type Permission = { action: string; subject: string | null; properties: { fields?: string[]; locales?: string[] } };

let cms: RunningCms;
let admin: string;

async function call(token: string | null, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${cms.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: response.status, body: parsed };
}

async function ok(token: string, method: string, path: string, body?: unknown) {
  const answer = await call(token, method, path, body);
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body).slice(0, 400)}`).toBeLessThan(300);
  return answer.body;
}

const roles = async (): Promise<{ id: number; name: string; code: string; description: string }[]> =>
  (await ok(admin, 'GET', '/admin/roles')).data;
const roleNamed = async (name: string) => {
  const found = (await roles()).filter((role) => role.name === name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};
const permissionsOf = async (roleId: number): Promise<Permission[]> =>
  (await ok(admin, 'GET', `/admin/roles/${roleId}/permissions`)).data;
/** A role's permissions in a form that compares across reads (no ids, dates or order). */
const comparable = (permissions: Permission[]) =>
  permissions.map(({ action, subject, properties }) => JSON.stringify({ action, subject, properties })).sort();

/** Creates an admin user with one role through the API (invitation, then registration) and returns its token. */
async function userWithRole(roleName: string, email: string) {
  const role = await roleNamed(roleName);
  const invited = await ok(admin, 'POST', '/admin/users', { email, firstname: roleName, roles: [role.id] });
  const registered = await call(null, 'POST', '/admin/register', {
    registrationToken: invited.data.registrationToken,
    userInfo: { firstname: roleName, lastname: 'Test', password: password() },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(200);
  return registered.body.data.token as string;
}

const version = (token: string, documentId: string, locale: string) =>
  call(token, 'GET', `${articles}/${documentId}?locale=${locale}`);
const saveArticle = (token: string, documentId: string, locale: string, data: Record<string, unknown>) =>
  call(token, 'PUT', `${articles}/${documentId}?locale=${locale}`, data);
const saveStatement = (token: string, locale: string, data: Record<string, unknown>) =>
  call(token, 'PUT', `${statement}?locale=${locale}`, data);
/** The article's versions as stored, read by the super admin: locale → title (drafts). */
async function draftTitles(documentId: string) {
  const titles: Record<string, string | undefined> = {};
  for (const locale of ['en', 'fa', 'fr', 'ar']) {
    const answer = await version(admin, documentId, locale);
    titles[locale] = answer.status === 200 && answer.body.data?.locale === locale ? answer.body.data.title : undefined;
  }
  return titles;
}

let translatorFa: string;
let translatorFr: string;
let editor: string;
let documentId: string;
let coverId: number;

beforeAll(async () => {
  cms = await startCms({ env: { ADMIN_EMAIL, ADMIN_PASSWORD } });
  const login = await call(null, 'POST', '/admin/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  expect(login.status).toBe(200);
  admin = login.body.data.token;

  translatorFa = await userWithRole('Translator (fa)', 'translator-fa@example.org');
  translatorFr = await userWithRole('Translator (fr)', 'translator-fr@example.org');
  editor = await userWithRole('Editor', 'editor@example.org');

  // An article of this test's own, with a cover, in English and French only.
  const files = await ok(admin, 'GET', '/upload/files?pageSize=1');
  coverId = (files.results ?? files)[0].id;
  const created = await ok(admin, 'POST', `${articles}?locale=en`, {
    title: 'Roles test',
    slug: 'roles-test',
    body: paragraph('English source.'),
    cover: coverId,
  });
  documentId = created.data.documentId;
  await ok(admin, 'PUT', `${articles}/${documentId}?locale=fr`, {
    title: 'Test des rôles',
    slug: 'test-des-roles',
    body: paragraph('Texte.'),
  });
  await ok(admin, 'POST', `${articles}/${documentId}/actions/publish?locale=en`, {});
}, 300_000);

afterAll(async () => {
  await cms?.stop();
});

describe('the roles', () => {
  it('exist once per non-source locale of locales/locales.json, beside the existing roles', async () => {
    const names = (await roles()).map((role) => role.name).sort();
    expect(names).toEqual(['Author', 'Editor', 'Super Admin', 'Translator (ar)', 'Translator (fa)', 'Translator (fr)']);
    expect((await roleNamed('Translator (fa)')).description).toMatch(/Persian.*fa only.*cannot publish or delete/);
  });

  it('grant reading every locale and field, writing every localized field in one locale, and nothing else', async () => {
    const permissions = await permissionsOf((await roleNamed('Translator (fa)')).id);
    const actions = permissions.map((permission) => `${permission.action} ${permission.subject ?? ''}`.trim()).sort();
    expect(actions).toEqual([
      `plugin::content-manager.explorer.create ${ARTICLE}`,
      `plugin::content-manager.explorer.create ${STATEMENT}`,
      `plugin::content-manager.explorer.read ${ARTICLE}`,
      `plugin::content-manager.explorer.read ${STATEMENT}`,
      `plugin::content-manager.explorer.update ${ARTICLE}`,
      `plugin::content-manager.explorer.update ${STATEMENT}`,
      'plugin::upload.assets.create',
      'plugin::upload.read',
    ]);
    const find = (action: string, subject: string) =>
      permissions.find(
        (permission) => permission.action === `plugin::content-manager.explorer.${action}` && permission.subject === subject,
      )!;
    expect(find('read', ARTICLE).properties.locales?.sort()).toEqual(['ar', 'en', 'fa', 'fr']);
    expect(find('read', ARTICLE).properties.fields).toEqual(
      expect.arrayContaining([
        'title',
        'slug',
        'body',
        'cover',
        'seo.metaTitle',
        'seo.shareImage',
        'translation.translator',
        'translation.reviewState',
      ]),
    );
    for (const action of ['create', 'update']) {
      expect(find(action, ARTICLE).properties.locales).toEqual(['fa']);
      expect(find(action, ARTICLE).properties.fields).toEqual(
        expect.arrayContaining(['title', 'slug', 'excerpt', 'body', 'seo.metaDescription', 'translation.translator']),
      );
      expect(find(action, ARTICLE).properties.fields, 'the cover is shared by every locale').not.toContain('cover');
      expect(find(action, STATEMENT).properties.locales).toEqual(['fa']);
      expect(find(action, STATEMENT).properties.fields).toEqual(
        expect.arrayContaining(['title', 'lead', 'body', 'callToAction', 'seo.metaTitle', 'translation.reviewState']),
      );
    }
  });
});

describe('a Translator (fa)', () => {
  it('can open the content manager: its types, the locales, the media library', async () => {
    expect((await call(translatorFa, 'GET', '/content-manager/init')).status).toBe(200);
    expect((await call(translatorFa, 'GET', `/content-manager/content-types/${ARTICLE}/configuration`)).status).toBe(200);
    const locales = await ok(translatorFa, 'GET', '/i18n/locales');
    expect(locales.map((locale: { code: string }) => locale.code).sort()).toEqual(['ar', 'en', 'fa', 'fr']);
    expect((await call(translatorFa, 'GET', '/upload/files')).status).toBe(200);
    expect((await call(translatorFa, 'DELETE', `/upload/files/${coverId}`)).status, 'media: no deleting').toBe(403);
    expect((await call(translatorFa, 'GET', `${articles}?locale=fr&page=1&pageSize=10`)).status).toBe(200);
  });

  it('reads every locale of an article and of the statement', async () => {
    for (const locale of ['en', 'fr']) {
      const answer = await version(translatorFa, documentId, locale);
      expect(answer.status, locale).toBe(200);
      expect(answer.body.data.locale).toBe(locale);
    }
    for (const locale of ['en', 'fa', 'fr', 'ar']) {
      const answer = await call(translatorFa, 'GET', `${statement}?locale=${locale}`);
      expect(answer.status, locale).toBe(200);
      expect(answer.body.data.title, locale).toBeTruthy();
    }
  });

  it('creates the Persian draft of an article that lacks one, and edits it; the shared cover stays', async () => {
    const created = await saveArticle(translatorFa, documentId, 'fa', {
      title: 'آزمون نقش‌ها',
      slug: 'آزمون-نقش‌ها',
      body: paragraph('متن.'),
      cover: null,
      translation: { translator: 'Translator fa' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.data).toMatchObject({ locale: 'fa', title: 'آزمون نقش‌ها', publishedAt: null });
    const edited = await saveArticle(translatorFa, documentId, 'fa', { title: 'آزمون نقش‌ها ۲' });
    expect(edited.status).toBe(200);
    expect((await draftTitles(documentId)).fa).toBe('آزمون نقش‌ها ۲');
    const english = await version(admin, documentId, 'en');
    expect(english.body.data.cover?.id, 'the English cover').toBe(coverId);
  });

  it('cannot write the English source, French or Arabic, of an article or the statement', async () => {
    const before = await draftTitles(documentId);
    for (const locale of ['en', 'fr', 'ar']) {
      expect((await saveArticle(translatorFa, documentId, locale, { title: `Forged ${locale}` })).status, locale).toBe(403);
    }
    expect(await draftTitles(documentId), 'no version written, none created (the article has no Arabic)').toEqual(before);
    expect(before.ar).toBeUndefined();

    const statementBefore = await ok(admin, 'GET', `${statement}?locale=fr`);
    for (const locale of ['en', 'fr', 'ar']) {
      expect((await saveStatement(translatorFa, locale, { title: `Forged ${locale}` })).status, locale).toBe(403);
    }
    expect((await ok(admin, 'GET', `${statement}?locale=fr`)).data.title).toBe(statementBefore.data.title);
  });

  it('cannot create an English article, nor clone one into English', async () => {
    const count = async () => (await ok(admin, 'GET', `${articles}?locale=en&page=1&pageSize=1`)).pagination.total;
    const before = await count();
    const created = await call(translatorFa, 'POST', `${articles}?locale=en`, {
      title: 'Forged',
      slug: 'forged',
      body: paragraph('x'),
    });
    expect(created.status).toBe(403);
    const cloned = await call(translatorFa, 'POST', `${articles}/clone/${documentId}?locale=en`, {
      title: 'Clone',
      slug: 'forged-clone',
    });
    expect(cloned.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('edits the Persian statement draft, but cannot publish it', async () => {
    const edited = await saveStatement(translatorFa, 'fa', { callToAction: 'فراخوان ویرایش‌شده' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.data).toMatchObject({ locale: 'fa', callToAction: 'فراخوان ویرایش‌شده' });
    expect((await call(translatorFa, 'POST', `${statement}/actions/publish?locale=fa`, {})).status).toBe(403);
    const published = await ok(admin, 'GET', `${statement}?locale=fa&status=published`);
    expect(published.data.callToAction).not.toBe('فراخوان ویرایش‌شده');
  });

  it('cannot publish, unpublish, discard others, or delete an article', async () => {
    expect((await call(translatorFa, 'POST', `${articles}/${documentId}/actions/publish?locale=fa`, {})).status).toBe(403);
    expect((await call(translatorFa, 'POST', `${articles}/${documentId}/actions/unpublish?locale=en`, {})).status).toBe(403);
    expect((await call(translatorFa, 'POST', `${articles}/${documentId}/actions/discard?locale=en`, {})).status).toBe(403);
    expect((await call(translatorFa, 'DELETE', `${articles}/${documentId}?locale=fa`)).status).toBe(403);
    expect((await call(translatorFa, 'DELETE', `${statement}?locale=fa`)).status).toBe(403);
    expect((await call(translatorFa, 'POST', `${articles}/actions/bulkDelete`, { documentIds: [documentId] })).status).toBe(403);
    expect((await draftTitles(documentId)).fa).toBe('آزمون نقش‌ها ۲');
  });
});

describe('a Translator (fr)', () => {
  it('writes French and not Persian', async () => {
    expect((await saveArticle(translatorFr, documentId, 'fr', { title: 'Test des rôles, revu' })).status).toBe(200);
    expect((await saveArticle(translatorFr, documentId, 'fa', { title: 'Forged fa' })).status).toBe(403);
    expect((await saveStatement(translatorFr, 'fa', { title: 'Forged fa' })).status).toBe(403);
    expect((await saveArticle(translatorFr, documentId, 'ar', { title: 'Forged ar' })).status).toBe(403);
    expect(await draftTitles(documentId)).toMatchObject({ fr: 'Test des rôles, revu', fa: 'آزمون نقش‌ها ۲', ar: undefined });
    expect((await call(translatorFr, 'POST', `${articles}/${documentId}/actions/publish?locale=fr`, {})).status).toBe(403);
  });
});

describe('an Editor', () => {
  it('may read, write, publish and delete the translated types in every locale (Strapi gives its default role none)', async () => {
    const permissions = await permissionsOf((await roleNamed('Editor')).id);
    for (const subject of [ARTICLE, STATEMENT]) {
      for (const action of ['read', 'create', 'update', 'publish', 'delete']) {
        const found = permissions.filter(
          (permission) => permission.action === `plugin::content-manager.explorer.${action}` && permission.subject === subject,
        );
        expect(found, `${action} ${subject}`).toHaveLength(1);
        expect(found[0]!.properties.locales?.sort(), `${action} ${subject}`).toEqual(['ar', 'en', 'fa', 'fr']);
      }
    }
  });

  it('reads and edits any locale', async () => {
    expect((await draftTitles(documentId)).ar).toBeUndefined();
    expect(
      (await saveArticle(editor, documentId, 'ar', { title: 'اختبار الأدوار', slug: 'اختبار-الأدوار', body: paragraph('نص.') }))
        .status,
    ).toBe(200);
    expect((await draftTitles(documentId)).ar).toBe('اختبار الأدوار');
    expect((await version(editor, documentId, 'en')).body.data.title).toBe('Roles test');
    expect((await saveStatement(editor, 'en', { callToAction: 'Edited by the editor' })).status).toBe(200);
  });

  it('publishes the translations', async () => {
    const published = await call(editor, 'POST', `${articles}/${documentId}/actions/publish?locale=fa`, {});
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.data.publishedAt).toBeTruthy();
    expect((await call(editor, 'POST', `${statement}/actions/publish?locale=fa`, {})).status).toBe(200);
    const statementFa = await ok(admin, 'GET', `${statement}?locale=fa&status=published`);
    expect(statementFa.data.callToAction).toBe('فراخوان ویرایش‌شده');
  });
});

describe('an Author', () => {
  it('still creates articles of their own: the locale check keeps "is creator" conditions working', async () => {
    const author = await userWithRole('Author', 'author@example.org');
    const created = await call(author, 'POST', `${articles}?locale=en`, {
      title: 'By an author',
      slug: 'by-an-author',
      body: paragraph('x'),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await saveArticle(author, created.body.data.documentId, 'en', { title: 'By an author, edited' })).status).toBe(200);
  });
});

describe('after a restart', () => {
  it('the roles exist once each, with exactly the code’s permissions again; other roles untouched', async () => {
    const fa = await roleNamed('Translator (fa)');
    const expected = comparable(await permissionsOf(fa.id));
    const editorRole = await roleNamed('Editor');
    const editorPermissions = comparable(await permissionsOf(editorRole.id));

    // Someone grants the role publishing and renames it in the admin panel.
    const tampered = [
      ...(await permissionsOf(fa.id)).map(({ action, subject, properties }) => ({ action, subject, properties, conditions: [] })),
      {
        action: 'plugin::content-manager.explorer.publish',
        subject: ARTICLE,
        properties: { locales: ['fa', 'en'] },
        conditions: [],
      },
    ];
    await ok(admin, 'PUT', `/admin/roles/${fa.id}/permissions`, { permissions: tampered });
    await ok(admin, 'PUT', `/admin/roles/${fa.id}`, { name: 'Translator (fa)', description: 'changed' });
    expect(comparable(await permissionsOf(fa.id))).not.toEqual(expected);

    await cms.restart();

    expect((await roles()).filter((role) => role.name.startsWith('Translator'))).toHaveLength(3);
    const after = await roleNamed('Translator (fa)');
    expect(after.id).toBe(fa.id);
    expect(after.description).toMatch(/Persian/);
    expect(comparable(await permissionsOf(fa.id))).toEqual(expected);
    expect(comparable(await permissionsOf(editorRole.id))).toEqual(editorPermissions);
    expect((await call(translatorFa, 'POST', `${articles}/${documentId}/actions/unpublish?locale=fa`, {})).status).toBe(403);
  });
});
