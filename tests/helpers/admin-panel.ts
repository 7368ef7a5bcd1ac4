import type { Browser, Page } from 'playwright-core';

type Credentials = { email: string; password: string };

/** A 1280 px wide page of Strapi's admin panel, signed in through the login form as an editor would. */
export async function adminPage(browser: Browser, cmsUrl: string, credentials: Credentials): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${cmsUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(credentials.email);
  await page.locator('input[name="password"]').fill(credentials.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/admin/auth'), { timeout: 30_000 });
  return page;
}

/** The admin path of a document's edit view in a locale (the content manager's URL shapes). */
export function editViewPath(uid: string, documentId: string | null, locale: string): string {
  const query = `?plugins[i18n][locale]=${locale}`;
  return documentId
    ? `/admin/content-manager/collection-types/${uid}/${documentId}${query}`
    : `/admin/content-manager/single-types/${uid}${query}`;
}

async function adminApi<T>(cmsUrl: string, path: string, init: { token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${cmsUrl}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Signs in to the admin API and returns the admin's JWT. */
export async function adminToken(cmsUrl: string, credentials: Credentials): Promise<string> {
  const body = await adminApi<{ data: { token: string } }>(cmsUrl, '/admin/login', { body: credentials });
  return body.data.token;
}

/**
 * Creates an admin user with Strapi's built-in Editor role, as a super admin inviting a colleague
 * would (the invitation, then the registration with its token); returns the editor's credentials.
 */
export async function createEditor(cmsUrl: string, superAdmin: Credentials, email: string): Promise<Credentials> {
  const token = await adminToken(cmsUrl, superAdmin);
  const roles = await adminApi<{ data: { id: number; code: string }[] }>(cmsUrl, '/admin/roles', { token });
  const editorRole = roles.data.find((role) => role.code === 'strapi-editor');
  if (!editorRole) throw new Error('no Editor role');
  const invited = await adminApi<{ data: { registrationToken: string } }>(cmsUrl, '/admin/users', {
    token,
    body: { firstname: 'Edith', lastname: 'Editor', email, roles: [editorRole.id] },
  });
  const password = `Editor-${Date.now().toString(36)}-Pass1`;
  await adminApi(cmsUrl, '/admin/register', {
    body: { registrationToken: invited.data.registrationToken, userInfo: { firstname: 'Edith', lastname: 'Editor', password } },
  });
  return { email, password };
}

export { adminApi };
