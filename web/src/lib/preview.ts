import { localeCodes } from './locales';

/** Only a page of this site: /{locale} or /{locale}/..., no scheme, no host, no `//`, no backslash. */
export function isPreviewPath(path: string | null): path is string {
  if (!path || path.length > 600 || /[\\\s]|\/\//.test(path) || !path.startsWith('/')) return false;
  const locale = path.split('/')[1] ?? '';
  return localeCodes.includes(locale);
}
