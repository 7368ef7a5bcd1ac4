/**
 * The link policy for rich text from the CMS: http(s), mailto and relative URLs only. Anything
 * else (javascript:, data:, vbscript:, tel:, protocol-relative //host, ...) is not a link.
 */
export function safeHref(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  // Browsers drop ASCII tab and newlines anywhere in a URL and trim C0 controls and spaces.
  // eslint-disable-next-line no-control-regex
  const url = raw.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (!url || url.length > 2048) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(url)) return null;

  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  if (scheme) {
    const name = scheme[1]!.toLowerCase();
    if (name === 'http' || name === 'https') {
      try {
        const parsed = new URL(url);
        return parsed.hostname ? url : null;
      } catch {
        return null;
      }
    }
    return name === 'mailto' ? url : null;
  }
  // Relative: a path, a query or a fragment on this site, never another host (//host, /\host).
  if (/^[/\\]{2}/.test(url) || /^\/\\/.test(url)) return null;
  // A colon before any / ? # would make a browser read a scheme.
  const firstPart = url.split(/[/?#]/, 1)[0] ?? '';
  if (firstPart.includes(':')) return null;
  return url;
}

/** Whether a (safe) href leaves this site. */
export function isExternal(href: string): boolean {
  return /^(https?:)?\/\//i.test(href) || /^mailto:/i.test(href);
}
