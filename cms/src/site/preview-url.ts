import type { Core } from '@strapi/strapi';

const PATHS: Record<string, (document: { slug?: string }, locale: string) => string | null> = {
  'api::statement.statement': (_document, locale) => `/${locale}/statement`,
  'api::article.article': (document, locale) =>
    document.slug ? `/${locale}/articles/${encodeURIComponent(document.slug)}` : null,
};

/**
 * The site URL that opens a document's draft, in its locale, in the site's draft mode. The site checks
 * the secret, switches draft mode on and redirects to the page (see web/src/app/api/preview).
 */
export async function previewUrl(
  strapi: Core.Strapi,
  uid: string,
  { documentId, locale, status }: { documentId: string; locale?: string; status?: string },
): Promise<string | null> {
  const siteUrl = process.env.SITE_URL;
  const secret = process.env.PREVIEW_SECRET;
  const toPath = PATHS[uid];
  if (!siteUrl || !secret || !toPath || !locale) return null;

  const document = await strapi.documents(uid as 'api::article.article').findOne({ documentId, locale, status: 'draft' });
  if (!document) return null;
  const path = toPath(document as { slug?: string }, locale);
  if (!path) return null;

  const url = new URL('/api/preview', siteUrl);
  url.search = new URLSearchParams({ secret, path, status: status === 'published' ? 'published' : 'draft' }).toString();
  return url.toString();
}
