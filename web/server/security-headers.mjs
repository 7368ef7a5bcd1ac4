/**
 * The headers every response of the site carries, computed once at start from the public origins.
 *
 * script-src allows inline scripts: every page is prerendered and served as the same bytes to every
 * reader, and Next writes its router state into inline scripts whose content differs per page and per
 * build, so neither a per-request nonce nor one list of hashes can cover them. No other origin is
 * allowed anywhere, so an injected script can load nothing from elsewhere and send nothing elsewhere
 * (connect-src, form-action, img-src are 'self').
 */
import defaults from '../src/lib/defaults.json' with { type: 'json' };

/** The CMS's public origin (the admin panel frames the site for previews): CMS_PUBLIC_URL, else CMS_URL. */
export function cmsPublicOrigin(env = process.env) {
  const url = env.CMS_PUBLIC_URL || env.CMS_URL || defaults.CMS_URL;
  return new URL(url).origin;
}

/**
 * Whether a request target is one of the embed routes (`/{locale}/embed/...`, see paths.embed in
 * src/lib/paths.ts): the only pages any site may frame.
 * @param {string | undefined} target
 */
export function isEmbedTarget(target) {
  return /^\/[^/?#]+\/embed(?:[/?#]|$)/.test(target ?? '');
}

/**
 * @param {{ siteUrl: string, cmsOrigin: string, embed?: boolean }} options
 * @returns {Record<string, string>}
 */
export function securityHeaders({ siteUrl, cmsOrigin, embed = false }) {
  const https = new URL(siteUrl).protocol === 'https:';
  const csp = [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    // inlineCss puts the stylesheet in a <style> element; React writes style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // The embed routes are made to be framed by groups' sites; nothing else is.
    embed ? 'frame-ancestors *' : `frame-ancestors 'self' ${cmsOrigin}`,
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'Permissions-Policy': [
      'camera=()',
      'microphone=()',
      'geolocation=()',
      'browsing-topics=()',
      'payment=()',
      'usb=()',
      'serial=()',
      'hid=()',
      'midi=()',
      'accelerometer=()',
      'gyroscope=()',
      'magnetometer=()',
      'display-capture=()',
    ].join(', '),
    ...(https ? { 'Strict-Transport-Security': 'max-age=63072000' } : {}),
  };
}

/** Headers that say how the site is built inside, or where it rewrote a request to. */
const INTERNAL_HEADERS = ['x-middleware-rewrite', 'x-powered-by', 'x-nextjs-rewritten-path', 'x-nextjs-rewritten-query'];

/** Sets the headers on whatever the response finally sends, and removes the internal ones. */
export function applySecurityHeaders(response, headers) {
  const { writeHead } = response;
  response.writeHead = function (status, ...rest) {
    for (const name of INTERNAL_HEADERS) response.removeHeader(name);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    const passed = rest.find((arg) => arg && typeof arg === 'object');
    if (passed && !Array.isArray(passed)) {
      for (const name of Object.keys(passed)) if (INTERNAL_HEADERS.includes(name.toLowerCase())) delete passed[name];
    }
    return writeHead.call(this, status, ...rest);
  };
}
