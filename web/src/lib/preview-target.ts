import { localeCodes } from './locales';

const BASE = 'http://site.invalid';

/**
 * Where a preview may send the editor: a page of this site, /{locale} or /{locale}/..., no scheme,
 * no host, no `//`, no backslash. Returns it as a relative URL in ASCII (a Location header cannot
 * carry other characters), or null.
 */
export function previewTarget(path: string | null): string | null {
  if (!path || path.length > 600 || /[\\\s]|\/\//.test(path) || !path.startsWith('/')) return null;
  let url: URL;
  try {
    url = new URL(path, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const locale = url.pathname.split('/')[1] ?? '';
  return localeCodes.includes(locale) ? `${url.pathname}${url.search}` : null;
}
