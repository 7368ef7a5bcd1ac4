import { describe, expect, it } from 'vitest';
import { blocksToText, markdownToBlocks } from '../../scripts/lib/blocks';

describe('markdownToBlocks', () => {
  it('turns paragraphs, headings and lists into Strapi blocks', () => {
    const blocks = markdownToBlocks('## Title\n\nFirst *one* and **two**.\n\n- a\n- b [link](/en/statement)\n\n1. x');
    expect(blocks).toEqual([
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Title' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'First ' },
          { type: 'text', text: 'one', italic: true },
          { type: 'text', text: ' and ' },
          { type: 'text', text: 'two', bold: true },
          { type: 'text', text: '.' },
        ],
      },
      {
        type: 'list',
        format: 'unordered',
        children: [
          { type: 'list-item', children: [{ type: 'text', text: 'a' }] },
          {
            type: 'list-item',
            children: [
              { type: 'text', text: 'b ' },
              { type: 'link', url: '/en/statement', children: [{ type: 'text', text: 'link' }] },
            ],
          },
        ],
      },
      { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'x' }] }] },
    ]);
  });

  it('keeps text character for character: typographic quotes, ampersands, right-to-left text', () => {
    const text = 'The regime’s “leader” & <others> — قتل‌عام ۱۹۸۸';
    expect(blocksToText(markdownToBlocks(text))).toBe(text);
  });
});
