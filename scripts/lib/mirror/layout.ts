import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * Where each URL of the site lives in a mirror, and how one file links to another.
 *
 * A page (a URL without a file extension: /fa/statement) is written as `fa/statement/index.html`;
 * every other URL keeps its path (/fa/feed.xml, /fa/share/statement/card.png, /_next/static/...).
 * File names are the decoded paths (Persian and Arabic slugs are real UTF-8 names); links are
 * percent-encoded and relative, and name index.html explicitly, which file:// needs.
 *
 * A query string is dropped where it only names a version (the share images' ?v=); any other one
 * becomes part of the file name, so two different answers never share a file.
 */

/** A site URL's path and query, as the mirror keys it: the path without trailing slash, decoded. */
export type SiteUrl = { pathname: string; search: string };

const extension = (pathname: string) => path.posix.extname(pathname.split('/').pop() ?? '');

/** Whether a URL is a page (an HTML document the mirror writes as {path}/index.html). */
export function isPage(pathname: string): boolean {
  return !extension(pathname);
}

/** The file (relative to the mirror's root, POSIX separators) that holds a URL's answer. */
export function fileOf({ pathname, search }: SiteUrl): string {
  const decoded = decodeURIComponent(pathname).replace(/\/+$/, '');
  const parts = decoded.split('/').filter(Boolean);
  if (parts.some((part) => part === '.' || part === '..')) throw new Error(`unsafe path ${pathname}`);
  const clean = parts.join('/');
  if (isPage(decoded)) return clean ? `${clean}/index.html` : 'index.html';
  const query = search.replace(/^\?/, '');
  if (!query || /^v=[^&]*$/.test(query)) return clean;
  const ext = extension(clean);
  const hash = createHash('sha256').update(query).digest('hex').slice(0, 12);
  return `${clean.slice(0, clean.length - ext.length)}.${hash}${ext}`;
}

const encodePath = (file: string) => file.split('/').map(encodeURIComponent).join('/');

/** The relative link from one mirror file to another (with an optional #fragment). */
export function relativeLink(fromFile: string, toFile: string, hash = ''): string {
  const relative = path.posix.relative(path.posix.dirname(fromFile), toFile) || path.posix.basename(toFile);
  return `${encodePath(relative)}${hash}`;
}

/**
 * The public URL of a mirror file under a base URL: pages by their directory (a static server
 * answers /fa/statement/ with its index.html), other files by their path.
 */
export function publicUrl(baseUrl: string, file: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const page = file === 'index.html' ? '' : file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file;
  return `${base}${encodePath(page.replace(/\/$/, ''))}${page.endsWith('/') ? '/' : ''}`;
}
