/**
 * What a PDF shows, as plain data for the Typst template (typst-template.ts): the statement's or an
 * article's Strapi blocks turned into a small, checked tree of strings. Nothing here is Typst
 * markup, so nothing needs escaping: the template inserts every string as text.
 */
import type { TextNode } from '../components/blocks/types';
import { numberingSystemOf } from '../lib/format';
import type { PaperSize, ShareTarget } from '../lib/paths';
import { isExternal, safeHref } from '../lib/safe-url';

/** A run of text with the marks of a Strapi text node. */
export type PdfRun = Omit<TextNode, 'type'>;
/** A link: `href` is absolute (a site-relative link gets the site's origin); `print` is the address printed after it on paper. */
export type PdfLink = { href: string; print: string | null; children: PdfRun[] };
export type PdfInline = PdfRun | PdfLink;
export type PdfList = { kind: 'list'; ordered: boolean; items: ({ children: PdfInline[] } | PdfList)[] };
export type PdfBlock =
  | { kind: 'paragraph' | 'quote'; children: PdfInline[] }
  | { kind: 'heading'; level: number; children: PdfInline[] }
  | { kind: 'code' | 'image'; text: string }
  | PdfList;

/** The template's `doc` input. */
export type PdfDocument = {
  lang: string;
  dir: 'ltr' | 'rtl';
  /** Font families, the locale's first. */
  fonts: string[];
  /** Typst paper name. */
  paper: 'a4' | 'us-letter';
  /** Typst numbering pattern for page numbers and ordered lists: the locale's digits. */
  digits: string;
  title: string;
  lead: string | null;
  blocks: PdfBlock[];
  callToAction: string | null;
  /** The translation's provenance note, one string a paragraph ([] for the original). */
  provenance: string[];
  /** The page's address (absolute): the link and the QR code. */
  url: string;
  /** The same address as people read it (a Persian or Arabic slug in its letters, not percent-encoded). */
  shownUrl: string;
  siteName: string;
  readOnline: string;
  qrAlt: string;
};

type AnyNode = { type?: unknown; children?: unknown; [key: string]: unknown };
const isNode = (value: unknown): value is AnyNode => typeof value === 'object' && value !== null;
const childrenOf = (node: AnyNode): AnyNode[] => (Array.isArray(node.children) ? node.children.filter(isNode) : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
/** Text as the template may show it: no C0/C1 control characters but newline and tab. */
// eslint-disable-next-line no-control-regex
const clean = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');

const MAX_DEPTH = 8;

function runOf(node: AnyNode): PdfRun {
  const run: PdfRun = { text: clean(str(node.text)) };
  for (const mark of ['bold', 'italic', 'underline', 'strikethrough', 'code'] as const) if (node[mark] === true) run[mark] = true;
  return run;
}

/** Inline nodes flattened to runs and links (a link inside a link keeps its text, not its target). */
function inlineOf(nodes: AnyNode[], siteUrl: string, depth = 0): PdfInline[] {
  if (depth > MAX_DEPTH) return [];
  return nodes.flatMap((node): PdfInline[] => {
    if (node.type === 'link') {
      const children = inlineOf(childrenOf(node), siteUrl, depth + 1).flatMap((c) => ('href' in c ? c.children : [c]));
      const href = safeHref(node.url);
      if (!href) return children;
      const external = isExternal(href);
      const absolute = external ? href : new URL(href, siteUrl).href;
      const shown = children.map((c) => c.text).join('');
      // On paper the address is what a reader can follow: printed unless the text already is it.
      const print = shown.trim() === absolute || shown.trim() === href ? null : absolute.replace(/^mailto:/i, '');
      return [{ href: absolute, print, children }];
    }
    if (typeof node.text === 'string') return [runOf(node)];
    return inlineOf(childrenOf(node), siteUrl, depth + 1);
  });
}

function listOf(node: AnyNode, siteUrl: string, depth: number): PdfList {
  const items = childrenOf(node).map((child) =>
    child.type === 'list' && depth < MAX_DEPTH
      ? listOf(child, siteUrl, depth + 1)
      : { children: inlineOf(childrenOf(child), siteUrl) },
  );
  return { kind: 'list', ordered: node.format === 'ordered', items };
}

function blockOf(node: AnyNode, siteUrl: string): PdfBlock | null {
  const children = () => inlineOf(childrenOf(node), siteUrl);
  switch (node.type) {
    case 'heading':
      // The title is the only level 1; body headings start at 2, as on the page.
      return { kind: 'heading', level: Math.min(6, Math.max(2, Number(node.level) || 2)), children: children() };
    case 'quote':
      return { kind: 'quote', children: children() };
    case 'list':
      return listOf(node, siteUrl, 0);
    case 'code':
      return {
        kind: 'code',
        text: clean(
          childrenOf(node)
            .map((c) => str(c.text))
            .join(''),
        ),
      };
    case 'image': {
      // A printed page shows what the picture is about: its alternative text and caption, if any.
      const image = isNode(node.image) ? node.image : {};
      const text = [str(image.alternativeText), str(image.caption)].map((t) => clean(t).trim()).filter(Boolean);
      return text.length ? { kind: 'image', text: [...new Set(text)].join(' — ') } : null;
    }
    default:
      return { kind: 'paragraph', children: children() };
  }
}

/** Strapi blocks (unchecked JSON) as PDF blocks; malformed nodes give their text or nothing. */
export function pdfBlocks(content: unknown, siteUrl: string): PdfBlock[] {
  if (!Array.isArray(content)) return [];
  return content.filter(isNode).flatMap((node) => blockOf(node, siteUrl) ?? []);
}

/** Typst numbering patterns of the numbering systems the site writes numbers in (lib/format.ts). */
const TYPST_DIGITS: Record<string, string> = { arabext: '۱', arab: '١' };

/** The Typst numbering pattern that writes numbers in a locale's own digits, as the pages do. */
export function digitsFor(locale: string): string {
  return TYPST_DIGITS[numberingSystemOf(locale) ?? ''] ?? '1';
}

export const typstPaper = { a4: 'a4', letter: 'us-letter' } as const;

/** `filename="…"` in ASCII for old clients, `filename*` (RFC 5987) with the title for the others. */
export function contentDisposition(title: string, target: ShareTarget, locale: string, paper: PaperSize): string {
  const name = target.kind === 'statement' ? 'statement' : /^[A-Za-z0-9._-]{1,80}$/.test(target.slug) ? target.slug : 'article';
  const ascii = `${name}-${locale}-${paper}.pdf`;
  // eslint-disable-next-line no-control-regex
  const unsafe = /[\u0000-\u001f\u007f"\\/:*?<>|]+/g;
  const readable = `${title.replace(unsafe, ' ').trim().slice(0, 80).trim() || name} (${paper}).pdf`;
  const encoded = encodeURIComponent(readable).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * An address as a browser's address bar shows it: percent-encoded letters decoded, but never
 * spaces or invisible characters (a Persian zero-width non-joiner is a letter's part, kept).
 */
export function readableUrl(url: string): string {
  try {
    const decoded = decodeURI(url);
    return /(?![\u200c\u200d])[\s\p{C}]/u.test(decoded) ? url : decoded;
  } catch {
    return url;
  }
}
