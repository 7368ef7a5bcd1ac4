import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A signed, short-lived proof that this browser opened a preview with the preview secret. Next's own
 * draft-mode cookie (`__prerender_bypass`) is only checked by Next when a page renders; the proxy
 * cannot read the build's id, so it trusts this cookie instead, and only this one, before letting a
 * request skip its checks of which slugs exist.
 */
export const PREVIEW_SESSION_COOKIE = '__preview_session';
/** Next's draft-mode cookies: dropped from every request that has no valid session. */
export const DRAFT_MODE_COOKIES = ['__prerender_bypass', '__next_preview_data'] as const;
/** An editor opens "Open preview" again after this long. */
export const PREVIEW_SESSION_SECONDS = 2 * 60 * 60;

const MAX_VALUE_LENGTH = 128;

function signature(secret: string, expires: number): Buffer {
  return createHmac('sha256', secret).update(`draft-mode:${expires}`).digest();
}

/** The cookie's value: its expiry (Unix seconds) and an HMAC of it with the preview secret. */
export function signPreviewSession(secret: string, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + PREVIEW_SESSION_SECONDS;
  return `${expires}.${signature(secret, expires).toString('base64url')}`;
}

/** Whether a cookie value was signed with this secret and has not expired. An unset secret trusts nothing. */
export function isPreviewSession(value: string | undefined, secret: string | undefined, now = Date.now()): boolean {
  if (!secret || !value || value.length > MAX_VALUE_LENGTH) return false;
  const match = /^([0-9]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return false;
  const expires = Number(match[1]);
  if (expires * 1000 <= now || expires * 1000 > now + PREVIEW_SESSION_SECONDS * 1000) return false;
  const presented = Buffer.from(match[2]!, 'base64url');
  const expected = signature(secret, expires);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/** The attributes Next gives its own draft-mode cookie, so both live and die together. */
export function previewCookieOptions(maxAge?: number) {
  const production = process.env.NODE_ENV !== 'development';
  return {
    httpOnly: true,
    sameSite: production ? ('none' as const) : ('lax' as const),
    secure: production,
    path: '/',
    ...(maxAge === undefined ? {} : { maxAge }),
  };
}
