/**
 * The CMS's two faces: the public read API (any origin may read it, never with credentials) and the
 * admin panel with its APIs (served by the CMS itself: same origin only).
 */

const PUBLIC_PATH = /^\/(api|graphql|uploads)(\/|$)|^\/(_health|favicon\.ico)$/i;

export const isPublicPath = (path: string) => PUBLIC_PATH.test(path);

export function originOf(url: unknown): string | undefined {
  if (typeof url !== 'string' || !url) return undefined;
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** Origins the admin panel may be served from besides the request's own: the configured public URLs. */
export const configuredOrigins = (...urls: unknown[]) => urls.map(originOf).filter((origin): origin is string => Boolean(origin));
