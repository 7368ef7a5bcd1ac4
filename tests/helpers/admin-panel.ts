import type { Browser, Page } from 'playwright-core';

/** A 1280 px wide page of Strapi's admin panel, signed in with the login form as a real editor would. */
export async function adminPage(
  browser: Browser,
  cmsUrl: string,
  credentials: { email: string; password: string },
): Promise<Page> {
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
