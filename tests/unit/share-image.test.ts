import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_SHARE_IMAGE_BYTES, renderShareImage } from '../../web/src/share/image';
import type { ShareImageContent } from '../../web/src/share/image-content';
import { SHARE_IMAGES } from '../../web/src/lib/paths';

// The share images as drawn (web/src/share/image.ts), without the site: where the title lands on
// the card in each direction, that no text runs past its space, size, and that drawing asks nothing
// of the network. The served images, their OCR and their caching are tested end to end
// (tests/e2e/share-images.test.ts).

const content = (overrides: Partial<ShareImageContent>): ShareImageContent => ({
  locale: 'en',
  dir: 'ltr',
  title: 'A title',
  text: 'A call to action.',
  address: 'example.org/en/statement',
  siteName: 'Site',
  label: 'Read',
  ...overrides,
});

/** Columns and rows of pure white pixels (the title's colour) within a band of rows of the card. */
async function whiteInk(png: Buffer, top: number, bottom: number) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let left = Infinity;
  let right = -1;
  let rows = 0;
  for (let y = top; y < bottom; y++) {
    let inRow = false;
    for (let x = 0; x < info.width; x++) {
      const i = (y * info.width + x) * info.channels;
      if (data[i]! > 245 && data[i + 1]! > 245 && data[i + 2]! > 245) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        inRow = true;
      }
    }
    if (inRow) rows++;
  }
  return { left, right, rows };
}

const longPersian = Array.from({ length: 40 }, (_, i) => `واژهٔ‌طولانی${i}`).join(' ');

describe('share image drawing', () => {
  afterEach(() => vi.restoreAllMocks());

  it('sets a short Persian title on the right, a short English one on the left', async () => {
    const card = SHARE_IMAGES.card;
    const fa = await whiteInk(await renderShareImage('card', content({ locale: 'fa', dir: 'rtl', title: 'بیانیه' })), 80, 500);
    const en = await whiteInk(await renderShareImage('card', content({ title: 'Statement' })), 80, 500);
    expect(card.width - fa.right).toBeLessThan(90);
    expect(fa.left).toBeGreaterThan(card.width / 2);
    expect(en.left).toBeLessThan(90);
    expect(en.right).toBeLessThan(card.width / 2);
  });

  it('shrinks and cuts an endless title at a word, inside its space, under 300 KB, at the exact size', async () => {
    for (const [locale, dir, title] of [
      ['fa', 'rtl', longPersian],
      ['ar', 'rtl', `${'كلمة طويلة جدا '.repeat(40)}`],
      ['fr', 'ltr', `${'Un titre vraiment très long '.repeat(20)}`],
    ] as const) {
      for (const kind of ['card', 'portrait'] as const) {
        const png = await renderShareImage(kind, content({ locale, dir, title, text: title }));
        const meta = await sharp(png).metadata();
        expect([meta.format, meta.width, meta.height]).toEqual(['png', SHARE_IMAGES[kind].width, SHARE_IMAGES[kind].height]);
        expect(png.length).toBeLessThan(MAX_SHARE_IMAGE_BYTES);
        if (kind === 'card') {
          // Between the title's space and the rule above the site's name: no white ink.
          expect((await whiteInk(png, 482, 504)).rows, `${locale} ${kind}`).toBe(0);
          expect((await whiteInk(png, 100, 480)).rows).toBeGreaterThan(100);
        }
      }
    }
  }, 30_000);

  it("draws the title's markup characters as text (a Pango markup error would throw)", async () => {
    const png = await renderShareImage('card', content({ title: '<b>Fish & chips</b> <span font="99">x</span> &amp;' }));
    expect((await whiteInk(png, 80, 500)).rows).toBeGreaterThan(20);
  });

  it('asks nothing of the network (no socket, no DNS, no fetch)', async () => {
    const calls = [
      vi.spyOn(net.Socket.prototype, 'connect'),
      vi.spyOn(dns, 'lookup'),
      vi.spyOn(http, 'request'),
      vi.spyOn(https, 'request'),
      vi.spyOn(globalThis, 'fetch'),
    ];
    for (const kind of ['card', 'portrait'] as const) {
      await renderShareImage(kind, content({ locale: 'ar', dir: 'rtl', title: 'عنوان https://example.org/x.png' }));
    }
    for (const call of calls) expect(call).not.toHaveBeenCalled();
  });
});
