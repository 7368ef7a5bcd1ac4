/**
 * Strapi blocks rendered on the server: a map from node type to element, no client JavaScript.
 * Unknown or malformed nodes render their text (or nothing), never an error.
 */
import type { ReactNode } from 'react';
import { isExternal, safeHref } from '../../lib/safe-url';
import { mediaSrc } from '../../lib/media';
import type { BlockNode, ImageNode, InlineNode, ListNode, TextNode } from './types';

type AnyNode = { type?: unknown; children?: unknown; [key: string]: unknown };

const isNode = (value: unknown): value is AnyNode => typeof value === 'object' && value !== null;
const childrenOf = (node: AnyNode): AnyNode[] => (Array.isArray(node.children) ? node.children.filter(isNode) : []);

function textWithBreaks(text: string): ReactNode {
  const lines = text.split('\n');
  return lines.length === 1 ? text : lines.flatMap((line, i) => (i === 0 ? [line] : [<br key={i} />, line]));
}

function renderText(node: TextNode, key: number): ReactNode {
  let out: ReactNode = textWithBreaks(String(node.text ?? ''));
  // Inline code is a path, a URL or a command: left to right and isolated, even in Persian or Arabic.
  if (node.code) out = <code dir="ltr">{out}</code>;
  if (node.strikethrough) out = <s>{out}</s>;
  if (node.underline) out = <u>{out}</u>;
  if (node.italic) out = <em>{out}</em>;
  if (node.bold) out = <strong>{out}</strong>;
  return <span key={key}>{out}</span>;
}

function renderInline(nodes: AnyNode[]): ReactNode[] {
  return nodes.map((node, i) => {
    if (node.type === 'link') {
      const children = renderInline(childrenOf(node));
      const href = safeHref(node.url);
      if (!href) return <span key={i}>{children}</span>;
      return (
        <a key={i} href={href} {...(isExternal(href) ? { rel: 'noopener noreferrer' } : {})}>
          {children}
        </a>
      );
    }
    if (node.type === 'text' || typeof node.text === 'string') return renderText(node as TextNode, i);
    return <span key={i}>{renderInline(childrenOf(node))}</span>;
  });
}

function renderList(node: ListNode | AnyNode, key: number): ReactNode {
  const items = childrenOf(node).map((child, i) =>
    child.type === 'list' ? <li key={i}>{renderList(child, i)}</li> : <li key={i}>{renderInline(childrenOf(child))}</li>,
  );
  return node.format === 'ordered' ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
}

function renderImage(node: ImageNode | AnyNode, key: number): ReactNode {
  const image = isNode(node.image) ? (node.image as ImageNode['image']) : null;
  const src = image ? mediaSrc(image.url) : null;
  if (!image || !src) return null;
  return (
    <figure key={key}>
      <img
        src={src}
        alt={image.alternativeText ?? ''}
        width={image.width ?? undefined}
        height={image.height ?? undefined}
        loading="lazy"
        decoding="async"
      />
      {image.caption ? <figcaption>{image.caption}</figcaption> : null}
    </figure>
  );
}

const blocks: Record<string, (node: AnyNode, key: number) => ReactNode> = {
  paragraph: (node, key) => <p key={key}>{renderInline(childrenOf(node))}</p>,
  heading: (node, key) => {
    // The page title is the only h1; body headings start at h2.
    const level = Math.min(6, Math.max(2, Number(node.level) || 2));
    const Tag = `h${level}` as 'h2';
    return <Tag key={key}>{renderInline(childrenOf(node))}</Tag>;
  },
  quote: (node, key) => (
    <blockquote key={key}>
      <p>{renderInline(childrenOf(node))}</p>
    </blockquote>
  ),
  code: (node, key) => (
    <pre key={key} dir="ltr">
      <code>
        {childrenOf(node)
          .map((c) => (typeof c.text === 'string' ? c.text : ''))
          .join('')}
      </code>
    </pre>
  ),
  list: renderList,
  image: renderImage,
};

export function Blocks({ content }: { content: unknown }) {
  if (!Array.isArray(content)) return null;
  return (
    <>
      {content.filter(isNode).map((node, i) => {
        const render = typeof node.type === 'string' ? blocks[node.type] : undefined;
        return render ? render(node, i) : <p key={i}>{renderInline(childrenOf(node))}</p>;
      })}
    </>
  );
}

export type { BlockNode, InlineNode };
