import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element, Node, Text } from 'domhandler';
import { rewriteCss } from './css';
import { escapeHtml } from './notice';

/** What becomes of a URL a page refers to: a link inside the mirror, or none (the element goes). */
export type Link = (url: string) => string | null;

/** Attributes that hold a URL, or a list of them (srcset). */
const URL_ATTRIBUTES = ['href', 'src', 'poster', 'action', 'cite', 'data'];
/** <meta> whose content is an address (social previews): rewritten like a link, or dropped. */
const URL_METAS = /^(og:url|og:image(:secure_url)?|og:video|og:audio|twitter:image|twitter:url)$/i;

type Splice = { start: number; end: number; text: string };

const isElement = (node: Node): node is Element => node.type === 'tag' || node.type === 'script' || node.type === 'style';

/** Where an element's opening tag ends (the index after its `>`), quotes respected. */
function openTagEnd(html: string, start: number): number {
  let quote: string | null = null;
  for (let i = start + 1; i < html.length; i++) {
    const c = html[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      // A quote opens a value only after `=` (and spaces).
      if (/=\s*$/.test(html.slice(Math.max(start, i - 8), i))) quote = c;
    } else if (c === '>') return i + 1;
  }
  return html.length;
}

const attributeText = (attribs: Record<string, string>) =>
  Object.entries(attribs)
    .map(([name, value]) => (value === '' ? ` ${name}=""` : ` ${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`))
    .join('');

/**
 * A page of the site as a mirror serves it, rewritten in place (everything not named here is kept
 * byte for byte):
 * - no JavaScript: every <script>, script preloads, inline event handlers (on*), nonces;
 * - no request leaves the copy: preconnects, the oEmbed link, the CSP meta (a static copy has no
 *   headers to match) go; every link to the site becomes `link(url)`, relative; a link that still
 *   leaves the site is removed: the share buttons (their list with them) and, in text, the anchor
 *   (its words stay);
 * - the notice goes first in <body>.
 */
export function rewriteHtml(html: string, options: { link: Link; notice: string; isInternal: (url: string) => boolean }): string {
  const { link, notice, isInternal } = options;
  const document = parseDocument(html, { withStartIndices: true, withEndIndices: true, decodeEntities: true });
  const splices: Splice[] = [];
  const remove = (node: Node) => splices.push({ start: node.startIndex!, end: node.endIndex! + 1, text: '' });
  const elements = DomUtils.findAll(() => true, document.children);
  const removed = new Set<Node>();
  const isRemoved = (node: Node | null): boolean => {
    for (let n: Node | null = node; n; n = n.parent) if (removed.has(n)) return true;
    return false;
  };
  const drop = (node: Node) => {
    if (isRemoved(node)) return;
    removed.add(node);
    remove(node);
  };

  for (const element of elements) {
    if (isRemoved(element)) continue;
    const name = element.name.toLowerCase();
    const attribs = { ...element.attribs };
    const rel = (attribs.rel ?? '').toLowerCase().split(/\s+/);

    if (name === 'script' || name === 'noscript') {
      drop(element);
      continue;
    }
    if (name === 'link' && (rel.includes('modulepreload') || rel.includes('preconnect') || rel.includes('dns-prefetch'))) {
      drop(element);
      continue;
    }
    if (name === 'link' && rel.includes('preload') && (attribs.as ?? '') === 'script') {
      drop(element);
      continue;
    }
    if (name === 'meta' && /content-security-policy/i.test(attribs['http-equiv'] ?? '')) {
      drop(element);
      continue;
    }

    let changed = false;
    for (const attribute of Object.keys(attribs)) {
      if (/^on/i.test(attribute) || attribute === 'nonce' || (name === 'style' && attribute === 'data-href')) {
        delete attribs[attribute];
        changed = true;
      }
    }
    if (name === 'meta' && URL_METAS.test(attribs.property ?? attribs.name ?? '') && attribs.content) {
      const replaced = link(attribs.content);
      if (replaced === null || !/^https?:/.test(replaced)) {
        drop(element);
        continue;
      }
      attribs.content = replaced;
      changed = true;
    }

    let gone = false;
    for (const attribute of URL_ATTRIBUTES) {
      const value = attribs[attribute];
      if (value === undefined || value.startsWith('#') || value.startsWith('data:')) continue;
      const replaced = isInternal(value) ? link(value) : null;
      if (replaced !== null) {
        if (replaced !== value) {
          attribs[attribute] = replaced;
          changed = true;
        }
        continue;
      }
      if (name === 'a') {
        const item =
          element.attribs['data-network'] !== undefined && element.parent && isElement(element.parent) ? element.parent : null;
        if (item && item.name === 'li') {
          const list = item.parent && isElement(item.parent) ? item.parent : null;
          const items = list ? list.children.filter(isElement) : [];
          const allShares = items.every((li) => DomUtils.findOne((a) => a.attribs['data-network'] !== undefined, [li]));
          drop(list && allShares ? list : item);
        } else {
          // A link that leaves the site: its words stay, the anchor goes.
          const end = openTagEnd(html, element.startIndex!);
          splices.push({ start: element.startIndex!, end, text: '' });
          const close = html.lastIndexOf('</', element.endIndex!);
          if (close >= end) splices.push({ start: close, end: element.endIndex! + 1, text: '' });
        }
      } else drop(element);
      gone = true;
      break;
    }
    if (gone) continue;

    for (const attribute of ['srcset', 'imagesrcset']) {
      const value = attribs[attribute];
      if (value === undefined) continue;
      attribs[attribute] = value
        .split(',')
        .map((candidate) => {
          const [url, ...descriptor] = candidate.trim().split(/\s+/);
          const replaced = url && isInternal(url) ? link(url) : null;
          return replaced === null ? null : [replaced, ...descriptor].join(' ');
        })
        .filter((candidate) => candidate !== null)
        .join(', ');
      changed = true;
    }
    if (attribs.style && /url\(/i.test(attribs.style)) {
      attribs.style = rewriteCss(attribs.style, (url) => (isInternal(url) ? link(url) : 'about:blank'));
      changed = true;
    }

    if (changed) {
      const end = openTagEnd(html, element.startIndex!);
      const selfClosing = html.slice(end - 2, end) === '/>';
      splices.push({
        start: element.startIndex!,
        end,
        text: `<${element.name}${attributeText(attribs)}${selfClosing ? '/>' : '>'}`,
      });
    }
    if (name === 'style') {
      const text = element.children[0] as Text | undefined;
      if (text && text.type === 'text') {
        const css = rewriteCss(text.data, (url) =>
          url.startsWith('data:') ? null : isInternal(url) ? link(url) : 'about:blank',
        );
        if (css !== text.data) splices.push({ start: text.startIndex!, end: text.endIndex! + 1, text: css });
      }
    }
    if (name === 'body') {
      const end = openTagEnd(html, element.startIndex!);
      splices.push({ start: end, end, text: notice });
    }
  }

  // Outermost first; a splice inside a removed range (a tag of a removed list) is already gone.
  // At one place, an insertion first, then the wider range.
  const width = (splice: Splice) => splice.end - splice.start;
  splices.sort((a, b) => a.start - b.start || (width(a) === 0 ? -1 : width(b) === 0 ? 1 : b.end - a.end));
  const kept: Splice[] = [];
  let reach = -1;
  for (const splice of splices) {
    if (splice.start < reach) continue;
    kept.push(splice);
    reach = Math.max(reach, splice.end);
  }
  let out = html;
  for (const splice of kept.reverse()) out = out.slice(0, splice.start) + splice.text + out.slice(splice.end);
  return out;
}

export { escapeHtml };
