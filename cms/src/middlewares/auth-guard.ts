import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isIP } from 'node:net';
import path from 'node:path';

/** The routes that take credentials, tokens or account data from someone not (yet) signed in. */
const AUTH_ROUTE =
  /^\/(admin\/(login|register|register-admin|forgot-password|reset-password|renew-token|access-token)|api\/auth(\/.*)?)$/;
/** Of those, the ones worth guessing at (a password, a reset code, an address): counted per client. */
const GUESSABLE = /^\/(admin\/(login|register|register-admin|forgot-password|reset-password)|api\/auth\/.+)$/;

const MAX_BODY_BYTES = 16 * 1024;
const MAX_DEPTH = 3;
const MAX_KEYS = 50;

type Options = { max?: number; windowSeconds?: number };

function normalizedPath(raw: string): string {
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    /* the router will not match it either */
  }
  return path.posix.normalize(decoded).toLowerCase().replace(/\/+$/, '');
}

/** IPv4 as is; IPv6 by its /64 (one subscriber usually has a whole /64). */
export function clientKey(ip: string): string {
  const address = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  if (isIP(address) !== 6) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** A JSON value no deeper than `maxDepth` with at most MAX_KEYS keys or items at each level. */
function isShallow(value: unknown, maxDepth: number): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (maxDepth === 0) return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.length <= MAX_KEYS && children.every((child) => isShallow(child, maxDepth - 1));
}

/** Fixed windows per client, in memory (one CMS process); expired windows are dropped as it goes. */
function createLimiter(max: number, windowMs: number) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = Date.now() + windowMs;
  return (key: string, now = Date.now()) => {
    if (now >= nextSweep) {
      for (const [k, window] of windows) if (window.resetAt <= now) windows.delete(k);
      nextSweep = now + windowMs;
    }
    let window = windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      windows.set(key, window);
    }
    window.count += 1;
    return window.count > max ? Math.ceil((window.resetAt - now) / 1000) : 0;
  };
}

/**
 * On the sign-in, registration and password routes of the admin and of users-permissions: a limit
 * per client address (Strapi's own limit counts per e-mail address, so one password tried against
 * many accounts went unnoticed), and small, flat JSON bodies only, so that a validation error can
 * never grow with the input. The address is the connection's unless `server.proxy.koa` trusts
 * X-Forwarded-For (IS_PROXIED).
 */
const authGuard: Core.MiddlewareFactory = (config: Options) => {
  const windowSeconds = config.windowSeconds ?? 900;
  const limit = createLimiter(config.max ?? 20, windowSeconds * 1000);

  return async (ctx, next) => {
    const route = normalizedPath(ctx.path);
    if (!AUTH_ROUTE.test(route)) return next();

    if (GUESSABLE.test(route) && ctx.method !== 'GET' && ctx.method !== 'HEAD' && ctx.method !== 'OPTIONS') {
      const retryAfter = limit(clientKey(ctx.request.ip));
      if (retryAfter > 0) {
        ctx.set('Retry-After', String(retryAfter));
        throw new errors.RateLimitError('Too many attempts from this address. Try again later.');
      }
    }

    const declared = Number(ctx.get('Content-Length') || 0);
    if (declared > MAX_BODY_BYTES) throw new errors.PayloadTooLargeError('The request body is too large.');
    const { body, files } = ctx.request as { body?: unknown; files?: unknown };
    if (files && Object.keys(files).length > 0) throw new errors.ValidationError('Send JSON, not files.');
    if (body !== undefined) {
      const size = Buffer.byteLength(JSON.stringify(body) ?? '');
      if (size > MAX_BODY_BYTES) throw new errors.PayloadTooLargeError('The request body is too large.');
      if (!isShallow(body, MAX_DEPTH))
        throw new errors.ValidationError('The request body is nested too deeply or has too many fields.');
    }
    await next();
  };
};

export default authGuard;
