/**
 * The URLs a stylesheet refers to (url(...), @import "..."), each replaced by what `link` returns
 * for it (or left as it is when it returns null). Comments are left alone: a URL in one is not fetched.
 */
export function rewriteCss(css: string, link: (url: string) => string | null): string {
  const token = /\/\*[\s\S]*?\*\/|url\(\s*(["']?)([^"')]*)\1\s*\)|@import\s+(["'])([^"']*)\3/g;
  return css.replace(token, (whole, _q1: string, urlValue?: string, quote?: string, importValue?: string) => {
    if (whole.startsWith('/*')) return whole;
    const value = urlValue ?? importValue ?? '';
    const replaced = link(value.trim());
    if (replaced === null) return whole;
    const escaped = replaced.replace(/["\\]/g, '\\$&');
    return urlValue !== undefined ? `url("${escaped}")` : `@import ${quote}${escaped}${quote}`;
  });
}
