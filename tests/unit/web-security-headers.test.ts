import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript, run by Node without a build step (web/server.mjs imports it)
import { cmsPublicOrigin, isEmbedTarget, securityHeaders } from '../../web/server/security-headers.mjs';

describe("the site's security headers", () => {
  it('HSTS only when the public origin is https', () => {
    const http = securityHeaders({ siteUrl: 'http://localhost:3000', cmsOrigin: 'http://localhost:1337' });
    const https = securityHeaders({ siteUrl: 'https://example.org', cmsOrigin: 'https://cms.example.org' });
    expect(http['Strict-Transport-Security']).toBeUndefined();
    expect(https['Strict-Transport-Security']).toMatch(/^max-age=\d{8,}$/);
    expect(https['Content-Security-Policy']).toContain('upgrade-insecure-requests');
    expect(http['Content-Security-Policy']).not.toContain('upgrade-insecure-requests');
  });

  it("only the CMS's public origin may frame the site (its admin panel previews it)", () => {
    const { 'Content-Security-Policy': csp } = securityHeaders({
      siteUrl: 'https://example.org',
      cmsOrigin: 'https://cms.example.org',
    });
    expect(csp).toMatch(/(^|; )frame-ancestors 'self' https:\/\/cms\.example\.org(;|$)/);
  });

  it.each([
    [{ CMS_PUBLIC_URL: 'https://cms.example.org/admin/', CMS_URL: 'http://127.0.0.1:1337' }, 'https://cms.example.org'],
    [{ CMS_URL: 'http://localhost:1337/' }, 'http://localhost:1337'],
    [{}, 'http://127.0.0.1:1337'],
  ])('the CMS origin of %o is %s', (env, origin) => {
    expect(cmsPublicOrigin(env)).toBe(origin);
  });

  it('any site may frame the embed routes, and only those', () => {
    const origins = { siteUrl: 'https://example.org', cmsOrigin: 'https://cms.example.org' };
    expect(securityHeaders({ ...origins, embed: true })['Content-Security-Policy']).toMatch(/(^|; )frame-ancestors \*(;|$)/);
    for (const target of ['/fa/embed/statement', '/ar/embed/articles/x?y=1', '/en/embed', '/en/embed#x']) {
      expect(isEmbedTarget(target), target).toBe(true);
    }
    const others = ['/', '/fa', '/fa/statement', '/fa/share', '/embed/fa/statement', '/fa/embedx', '/fa/embed%2F..%2Fstatement'];
    for (const target of [...others, ...others.map((t) => `${t}?/fa/embed/`), '//fa/embed/statement', undefined]) {
      expect(isEmbedTarget(target), String(target)).toBe(false);
    }
  });
});
