import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { previewTarget } from '../../web/src/lib/preview-target';
import { PREVIEW_SESSION_SECONDS, isPreviewSession, signPreviewSession } from '../../web/src/lib/preview-session';

const secret = 'a-preview-secret-of-reasonable-length';
const now = Date.UTC(2026, 10, 28);

describe('the signed draft-mode session (the proxy trusts only this)', () => {
  it('accepts what /api/preview signs, until it expires', () => {
    const value = signPreviewSession(secret, now);
    expect(isPreviewSession(value, secret, now)).toBe(true);
    expect(isPreviewSession(value, secret, now + (PREVIEW_SESSION_SECONDS - 1) * 1000)).toBe(true);
    expect(isPreviewSession(value, secret, now + PREVIEW_SESSION_SECONDS * 1000)).toBe(false);
  });

  it('refuses another secret, no secret, and a session with its expiry moved', () => {
    const value = signPreviewSession(secret, now);
    expect(isPreviewSession(value, 'another secret', now)).toBe(false);
    expect(isPreviewSession(value, undefined, now)).toBe(false);
    expect(isPreviewSession(value, '', now)).toBe(false);
    const [expires, mac] = value.split('.');
    expect(isPreviewSession(`${Number(expires) + 60}.${mac}`, secret, now)).toBe(false);
    // Signed far in the future (a leaked secret's long-lived session) is refused too.
    expect(isPreviewSession(signPreviewSession(secret, now + 365 * 86_400_000), secret, now)).toBe(false);
  });

  it('refuses every forged value', () => {
    const forged = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc
        .tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.base64String({ minLength: 40, maxLength: 48 }))
        .map(([e, m]) => `${e}.${m}`),
      fc
        .uint8Array({ minLength: 32, maxLength: 32 })
        .map((bytes) => `${Math.floor(now / 1000) + 60}.${Buffer.from(bytes).toString('base64url')}`),
    );
    fc.assert(
      fc.property(forged, (value) => !isPreviewSession(value, secret, now)),
      { numRuns: 2000 },
    );
  });
});

describe('where a preview sends the editor (previewTarget)', () => {
  it.each([
    ['/en', '/en'],
    ['/fa/articles/چگونه', '/fa/articles/%DA%86%DA%AF%D9%88%D9%86%D9%87'],
    ['/en/%E2%98%83', '/en/%E2%98%83'],
    ['/en/☃?x=1', '/en/%E2%98%83?x=1'],
  ])('%s → %s', (path, target) => {
    expect(previewTarget(path)).toBe(target);
  });

  it.each(['https://example.org/en', '//example.org/en', '/\\example.org', '/de/x', 'en', '', '/en/../../x/..//y', ' /en'])(
    'refuses %s',
    (path) => {
      expect(previewTarget(path)).toBeNull();
    },
  );

  it('anything it returns is an ASCII path of this site, under a locale', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.webPath(), fc.webUrl()),
        fc.constantFrom('/en', '/fa', '/x', ''),
        (tail, head) => {
          const target = previewTarget(head + tail);
          if (target === null) return;
          expect(target).toMatch(/^\/(en|fa|fr|ar)(\/|\?|$)/);
          expect(target).toMatch(/^[\x21-\x7e]*$/);
          expect(new URL(target, 'http://site.example').origin).toBe('http://site.example');
        },
      ),
      { numRuns: 1000 },
    );
  });
});
