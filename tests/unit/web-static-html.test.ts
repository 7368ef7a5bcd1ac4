import { describe, expect, it } from 'vitest';
// Imported by path, untyped here (see web-blocks.test.ts): the site's React 19, not the CMS's React 18.
const { renderToStaticMarkup } = (await import('../../web/node_modules/react-dom/server.node.js' as string)) as {
  renderToStaticMarkup: (node: unknown) => string;
};
const { Blocks } = (await import('../../web/src/components/blocks/Blocks' as string)) as {
  Blocks: (props: { content: unknown }) => unknown;
};
const { staticHtml } = (await import('../../web/src/feeds/static-html' as string)) as {
  staticHtml: (node: unknown) => string;
};

const text = (value: string, marks: Record<string, boolean> = {}) => ({ type: 'text', text: value, ...marks });

// What the feeds carry: the pages' blocks as HTML, written without react-dom/server (which route
// handlers cannot import), and exactly as React writes them.
describe('static HTML of the block renderer', () => {
  const content = [
    { type: 'heading', level: 3, children: [text('A "quoted" <title> & more')] },
    {
      type: 'paragraph',
      children: [
        text("l'été ]]> ]]> "),
        text('bold', { bold: true, italic: true }),
        text('line\nbreak', { code: true }),
        { type: 'link', url: 'https://example.org/?a=1&b="2"', children: [text('out')] },
        { type: 'link', url: '/en/statement', children: [text('in')] },
        { type: 'link', url: 'javascript:alert(1)', children: [text('bad')] },
      ],
    },
    { type: 'quote', children: [text('نقل قول')] },
    { type: 'code', children: [text('x < y && y > z')] },
    {
      type: 'list',
      format: 'ordered',
      children: [
        { type: 'list-item', children: [text('one')] },
        { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [text('nested')] }] },
      ],
    },
    { type: 'image', image: { url: '/uploads/a.png', alternativeText: 'alt "x"', width: 10, height: 5, caption: 'cap' } },
    { type: 'mystery', children: [text('unknown node')] },
  ];

  it('is the HTML React writes for the same blocks', () => {
    expect(staticHtml(Blocks({ content }))).toBe(renderToStaticMarkup(Blocks({ content })));
  });

  it('escapes text and attributes, so that no "]]>" or markup comes through', () => {
    const html = staticHtml(Blocks({ content }));
    expect(html).not.toContain(']]>');
    expect(html).not.toContain('<title>');
    expect(html).not.toContain('javascript:');
    expect(staticHtml('<script>&')).toBe('&lt;script&gt;&amp;');
  });
});
