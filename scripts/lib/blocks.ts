import { Lexer, type Token, type Tokens } from 'marked';

/** Strapi 5 rich-text ("blocks") nodes, as stored in a `blocks` attribute. */
export type TextNode = {
  type: 'text';
  text: string;
  bold?: true;
  italic?: true;
  underline?: true;
  strikethrough?: true;
  code?: true;
};
export type LinkNode = { type: 'link'; url: string; children: TextNode[] };
export type InlineNode = TextNode | LinkNode;
export type Block =
  | { type: 'paragraph'; children: InlineNode[] }
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: InlineNode[] }
  | { type: 'quote'; children: InlineNode[] }
  | { type: 'code'; children: TextNode[] }
  | { type: 'list'; format: 'ordered' | 'unordered'; children: { type: 'list-item'; children: InlineNode[] }[] }
  | ImageBlock;

/**
 * An image on a line of its own (`![alt](media/file.png)` in a seed file). Until the seed uploads the
 * file, `image.url` is the path in the seed folder; Strapi then stores the uploaded file's fields.
 */
export type ImageBlock = {
  type: 'image';
  image: { url: string; alternativeText: string; [field: string]: unknown };
  children: [{ type: 'text'; text: '' }];
};

type Marks = Omit<TextNode, 'type' | 'text'>;

function inline(tokens: Token[] | undefined, marks: Marks = {}): InlineNode[] {
  const nodes: InlineNode[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        nodes.push(...inline((token as Tokens.Strong).tokens, { ...marks, bold: true }));
        break;
      case 'em':
        nodes.push(...inline((token as Tokens.Em).tokens, { ...marks, italic: true }));
        break;
      case 'del':
        nodes.push(...inline((token as Tokens.Del).tokens, { ...marks, strikethrough: true }));
        break;
      case 'codespan':
        nodes.push({ type: 'text', text: (token as Tokens.Codespan).text, ...marks, code: true });
        break;
      case 'link': {
        const link = token as Tokens.Link;
        const children = inline(link.tokens, marks).filter((node): node is TextNode => node.type === 'text');
        nodes.push({ type: 'link', url: link.href, children });
        break;
      }
      case 'br':
        nodes.push({ type: 'text', text: '\n', ...marks });
        break;
      case 'text':
      case 'escape': {
        const text = token as Tokens.Text;
        if (text.tokens?.length) nodes.push(...inline(text.tokens, marks));
        else nodes.push({ type: 'text', text: decodeEntities(text.text), ...marks });
        break;
      }
      default:
        if ('text' in token && typeof token.text === 'string') nodes.push({ type: 'text', text: token.text, ...marks });
    }
  }
  return mergeText(nodes);
}

/** marked escapes &, <, > and quotes in inline text; Strapi stores plain text. */
function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function sameMarks(a: TextNode, b: TextNode): boolean {
  const keys = ['bold', 'italic', 'underline', 'strikethrough', 'code'] as const;
  return keys.every((key) => a[key] === b[key]);
}

function mergeText(nodes: InlineNode[]): InlineNode[] {
  const merged: InlineNode[] = [];
  for (const node of nodes) {
    const last = merged.at(-1);
    if (last?.type === 'text' && node.type === 'text' && sameMarks(last, node)) last.text += node.text;
    else merged.push(node.type === 'text' ? { ...node } : node);
  }
  return merged.length ? merged : [{ type: 'text', text: '' }];
}

function block(token: Token): Block[] {
  switch (token.type) {
    case 'paragraph': {
      const tokens = (token as Tokens.Paragraph).tokens.filter((child) => !(child.type === 'text' && !child.raw.trim()));
      const [only] = tokens;
      if (tokens.length === 1 && only?.type === 'image') {
        const image = only as Tokens.Image;
        return [
          { type: 'image', image: { url: image.href, alternativeText: image.text }, children: [{ type: 'text', text: '' }] },
        ];
      }
      return [{ type: 'paragraph', children: inline((token as Tokens.Paragraph).tokens) }];
    }
    case 'heading': {
      const heading = token as Tokens.Heading;
      return [{ type: 'heading', level: heading.depth as 1 | 2 | 3 | 4 | 5 | 6, children: inline(heading.tokens) }];
    }
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens.flatMap(block).map((inner) => ({
        type: 'quote' as const,
        children: 'children' in inner && inner.type !== 'list' ? (inner.children as InlineNode[]) : [],
      }));
    case 'code':
      return [{ type: 'code', children: [{ type: 'text', text: (token as Tokens.Code).text }] }];
    case 'list': {
      const list = token as Tokens.List;
      return [
        {
          type: 'list',
          format: list.ordered ? 'ordered' : 'unordered',
          children: list.items.map((item) => ({
            type: 'list-item' as const,
            children: inline(item.tokens.flatMap((child) => ('tokens' in child && child.tokens ? child.tokens : [child]))),
          })),
        },
      ];
    }
    default:
      return [];
  }
}

/** Converts the Markdown an editor writes in a seed file into Strapi blocks. */
export function markdownToBlocks(markdown: string): Block[] {
  return new Lexer({ gfm: true }).lex(markdown.trim()).flatMap(block);
}

/** The plain text of blocks, paragraphs separated by a blank line: what a reader reads. */
export function blocksToText(blocks: readonly Block[]): string {
  const text = (nodes: readonly InlineNode[]): string =>
    nodes.map((node) => (node.type === 'text' ? node.text : text(node.children))).join('');
  return blocks
    .filter((node) => node.type !== 'image')
    .map((node) => (node.type === 'list' ? node.children.map((item) => text(item.children)).join('\n') : text(node.children)))
    .join('\n\n');
}
