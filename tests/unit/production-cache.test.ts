import { describe, expect, it } from 'vitest';
import { renderNginxConfig } from '../../scripts/lib/nginx';
import { pagesOf } from '../../web/src/data/tags';

const values = { prefix: '/srv/cache', listen: '127.0.0.1:3000', upstreams: ['127.0.0.1:3001', '127.0.0.1:3002'] };
const token = 'k'.repeat(32);

describe('the nginx configuration', () => {
  it('is filled in completely: every directive, no placeholder left outside the comments', () => {
    const config = renderNginxConfig({ ...values, refreshToken: token });
    const directives = config
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .join('\n');
    expect(directives).not.toMatch(/\{\{/);
    expect(directives).toContain('listen 127.0.0.1:3000 ');
    expect(directives).toContain('server 127.0.0.1:3001 max_fails=1 fail_timeout=2s; server 127.0.0.1:3002');
    expect(directives).toContain(`"${token}" 1;`);
    expect(directives).toMatch(/proxy_cache_path \/srv\/cache\/cache /);
  });

  it('refuses a refresh token that would make ordinary requests refresh the cache, or break the file', () => {
    for (const bad of ['', 'short', `${'k'.repeat(30)}"; 1`, `${'k'.repeat(30)} x`, `${'k'.repeat(30)}\n`]) {
      expect(() => renderNginxConfig({ ...values, refreshToken: bad }), JSON.stringify(bad)).toThrow(/refresh token/);
    }
  });
});

describe('the pages a change shows on (what a publish refreshes in the cache in front)', () => {
  it('the statement: its pages in every language, the homes, feeds and sitemap', () => {
    const pages = pagesOf({ model: 'statement', locale: 'fa' });
    for (const locale of ['en', 'fa', 'fr', 'ar']) {
      for (const page of [
        `/${locale}`,
        `/${locale}/statement`,
        `/${locale}/share`,
        `/${locale}/embed/statement`,
        `/${locale}/feed.xml`,
      ])
        expect(pages).toContain(page);
    }
    expect(pages).toContain('/sitemap.xml');
    expect(pages.some((page) => page.includes('/articles'))).toBe(false);
  });

  it("an article in Persian: its pages in every language, Persian's index pages, home and feed only", () => {
    const pages = pagesOf({ model: 'article', locale: 'fa', slugs: ['how-it-works', 'چگونه'] }, (locale) =>
      locale === 'fa' ? 3 : 1,
    );
    for (const locale of ['en', 'fa', 'fr', 'ar']) {
      expect(pages).toContain(`/${locale}/articles/how-it-works`);
      expect(pages).toContain(`/${locale}/articles/${encodeURIComponent('چگونه')}`);
      expect(pages).toContain(`/${locale}/share/articles/how-it-works`);
      expect(pages).toContain(`/${locale}/embed/articles/how-it-works`);
    }
    for (const page of ['/fa', '/fa/feed.xml', '/fa/articles', '/fa/articles/page/2', '/fa/articles/page/3'])
      expect(pages).toContain(page);
    for (const page of ['/en', '/fr/feed.xml', '/ar/articles', '/fa/articles/page/4', '/fa/statement'])
      expect(pages).not.toContain(page);
    // The changed pages first (the cache fetches them in this order), the sitemap last.
    expect(pages.slice(0, 4)).toEqual([
      '/fa/articles/how-it-works',
      `/fa/articles/${encodeURIComponent('چگونه')}`,
      '/fa/articles',
      '/fa',
    ]);
    expect(pages.at(-1)).toBe('/sitemap.xml');
  });

  it("an article with a slug per language: each language's own page first, after the changed language's lists", () => {
    const slugOf = { en: 'how-it-works', fa: 'چگونه', fr: 'comment' };
    const pages = pagesOf({ model: 'article', locale: 'fa', slugs: Object.values(slugOf), slugOf });
    const fa = `/fa/articles/${encodeURIComponent('چگونه')}`;
    // Arabic has no version: its "not translated" page at the Persian address.
    const arabic = `/ar/articles/${encodeURIComponent('چگونه')}`;
    expect(pages.slice(0, 6)).toEqual([fa, '/fa/articles', '/fa', '/en/articles/how-it-works', '/fr/articles/comment', arabic]);
    // The other addresses still follow: another language's slug redirects or says "not translated".
    for (const page of ['/fa/articles/how-it-works', '/ar/articles/comment', `/en/articles/${encodeURIComponent('چگونه')}`])
      expect(pages.indexOf(page)).toBeGreaterThan(5);
    expect(new Set(pages).size).toBe(pages.length);
  });
});
