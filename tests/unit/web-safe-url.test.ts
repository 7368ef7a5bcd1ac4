import { describe, expect, it } from 'vitest';
import { isExternal, safeHref } from '../../web/src/lib/safe-url';

describe('rich-text link policy (safeHref)', () => {
  it.each([
    'https://example.org/a?b=c#d',
    'http://example.org',
    'HTTPS://EXAMPLE.ORG/',
    'mailto:editors@example.org',
    'mailto:?subject=x',
    '/fa/statement',
    '/ar/articles/كيف-تشارك',
    'articles/x',
    './x',
    '../x',
    '#section',
    '?page=2',
  ])('keeps %s', (url) => {
    expect(safeHref(url)).toBe(url);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'tel:+123',
    'ftp://example.org',
    '//evil.example/x',
    '\\\\evil.example/x',
    '/\\evil.example/x',
    'https://',
    'x:y',
    '',
    '   ',
    null,
    undefined,
    42,
    { url: '/x' },
    `https://example.org/${'a'.repeat(3000)}`,
  ])('refuses %j', (url) => {
    expect(safeHref(url)).toBeNull();
  });

  it('trims what browsers trim', () => {
    expect(safeHref('  https://example.org/ ')).toBe('https://example.org/');
  });

  it('tells links that leave the site', () => {
    expect(isExternal('https://example.org')).toBe(true);
    expect(isExternal('mailto:a@b.c')).toBe(true);
    expect(isExternal('/en/statement')).toBe(false);
  });
});
