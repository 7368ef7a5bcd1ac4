/**
 * React elements as an HTML string, for documents that carry HTML as text (the Atom feed): the same
 * components as the pages decide the markup. Route handlers run in React's server-component build,
 * where react-dom/server cannot be imported, so this writes the few things those components use:
 * host elements, fragments, arrays, text, and synchronous function components. Everything is escaped
 * as React escapes it, ">" included (so the output never holds "]]>").
 */
import { Fragment, isValidElement, type ReactNode } from 'react';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const ATTRIBUTE_NAMES: Record<string, string> = { className: 'class', htmlFor: 'for' };
const SAFE_NAME = /^[a-zA-Z][a-zA-Z0-9:-]*$/;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function attributes(props: Record<string, unknown>): string {
  let out = '';
  for (const [key, value] of Object.entries(props)) {
    if (key === 'children' || key === 'dangerouslySetInnerHTML' || value === null || value === undefined || value === false)
      continue;
    if (typeof value === 'function' || typeof value === 'object' || !SAFE_NAME.test(key)) continue;
    const name = ATTRIBUTE_NAMES[key] ?? key;
    out += value === true ? ` ${name}=""` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

export function staticHtml(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'bigint') return escapeHtml(String(node));
  if (Array.isArray(node)) return node.map(staticHtml).join('');
  if (!isValidElement(node)) throw new Error('staticHtml: not an element');
  const { type } = node;
  const props = node.props as Record<string, unknown> & { children?: ReactNode };
  if (type === Fragment) return staticHtml(props.children);
  if (typeof type === 'function') {
    const rendered = (type as (p: unknown) => ReactNode)(props);
    if (rendered instanceof Promise) throw new Error('staticHtml: async components are not supported');
    return staticHtml(rendered);
  }
  if (typeof type !== 'string' || !SAFE_NAME.test(type)) throw new Error('staticHtml: unsupported element');
  if (VOID.has(type)) return `<${type}${attributes(props)}/>`;
  return `<${type}${attributes(props)}>${staticHtml(props.children)}</${type}>`;
}
