import { describe, expect, it } from 'vitest';
// Imported by path, untyped here: the root tsconfig has no JSX, and the site's React 19 (which the
// component's JSX resolves to) is not the CMS's React 18 that npm hoists to the root.
const { renderToStaticMarkup } = (await import('../../web/node_modules/react-dom/server.node.js' as string)) as {
  renderToStaticMarkup: (node: unknown) => string;
};
const { Blocks } = (await import('../../web/src/components/blocks/Blocks' as string)) as {
  Blocks: (props: { content: unknown }) => unknown;
};

// Blocks is a plain server component (no hooks): calling it gives the elements to render.
const render = (content: unknown) => renderToStaticMarkup(Blocks({ content }));
const text = (value: string, marks: Record<string, boolean> = {}) => ({ type: 'text', text: value, ...marks });

describe('Strapi blocks, rendered on the server', () => {
  it('maps each node type to its element', () => {
    const html = render([
      { type: 'heading', level: 2, children: [text('Title')] },
      { type: 'paragraph', children: [text('a '), text('bold', { bold: true }), text(' and '), text('code', { code: true })] },
      { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [text('one')] }] },
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [text('two')] }] },
      { type: 'quote', children: [text('said')] },
      { type: 'code', children: [text('x < y')] },
    ]);
    expect(html).toBe(
      '<h2><span>Title</span></h2>' +
        '<p><span>a </span><span><strong>bold</strong></span><span> and </span><span><code dir="ltr">code</code></span></p>' +
        '<ol><li><span>one</span></li></ol><ul><li><span>two</span></li></ul>' +
        '<blockquote><p><span>said</span></p></blockquote>' +
        '<pre dir="ltr"><code>x &lt; y</code></pre>',
    );
  });

  it('keeps a single h1 on the page: body headings start at h2', () => {
    expect(render([{ type: 'heading', level: 1, children: [text('x')] }])).toBe('<h2><span>x</span></h2>');
  });

  it('renders safe links, and unsafe ones as plain text', () => {
    const link = (url: string) => ({ type: 'paragraph', children: [{ type: 'link', url, children: [text('here')] }] });
    expect(render([link('/fa/statement')])).toBe('<p><a href="/fa/statement"><span>here</span></a></p>');
    expect(render([link('https://example.org')])).toBe(
      '<p><a href="https://example.org" rel="noopener noreferrer"><span>here</span></a></p>',
    );
    for (const url of ['javascript:alert(1)', 'data:text/html,x', '//evil.example']) {
      expect(render([link(url)])).toBe('<p><span><span>here</span></span></p>');
    }
  });

  it('escapes text and survives malformed content', () => {
    expect(render([{ type: 'paragraph', children: [text('<img src=x onerror=alert(1)>')] }])).toBe(
      '<p><span>&lt;img src=x onerror=alert(1)&gt;</span></p>',
    );
    expect(render(null)).toBe('');
    expect(render('not blocks')).toBe('');
    expect(render([null, 1, { type: 'unknown', children: [text('kept')] }, { type: 'paragraph' }])).toBe(
      '<p><span>kept</span></p><p></p>',
    );
  });

  it('shows media only from this site', () => {
    const image = (url: string) => ({ type: 'image', image: { url, alternativeText: 'alt', width: 10, height: 5 } });
    expect(render([image('/uploads/a.jpg')])).toContain('<img src="/uploads/a.jpg" alt="alt" width="10" height="5"');
    expect(render([image('https://tracker.example/a.jpg')])).toBe('');
  });
});
