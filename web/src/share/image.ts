import sharp, { type OverlayOptions } from 'sharp';
import { SHARE_IMAGES, type ShareImageKind } from '../lib/paths';
import { fontFiles, fontFor } from './fonts';
import type { ShareImageContent } from './image-content';

/**
 * The share images, drawn on the server by sharp's text input (Pango with HarfBuzz and FriBidi):
 * Persian and Arabic come out shaped and in reading order, which next/og cannot do. Nothing is
 * fetched: the fonts are local TTF files (./fonts.ts) and the text comes from the caller.
 */

/** WhatsApp drops link previews whose image is larger. */
export const MAX_SHARE_IMAGE_BYTES = 300 * 1024;

const THEME = '#7a1f1f';
const THEME_DARK = '#5c1616';
const WHITE = '#ffffff';
const SOFT = '#f3dede';

type Box = { width: number; height: number };
type Drawn = { input: Buffer; width: number; height: number };
type Text = {
  text: string;
  dir: 'ltr' | 'rtl';
  family: string;
  bold?: boolean;
  color: string;
  /** Largest and smallest size in pixels: the largest that fits is taken; below the smallest, words are cut. */
  sizes: readonly number[];
  box: Box;
  /** Extra space between lines, as a fraction of the size (Noto Naskh Arabic's own is already tall). */
  lineHeight?: number;
  wrap?: 'word' | 'word-char';
};

/** Pango markup is parsed: the text's own <, > and & must not be. Control characters are dropped. */
export function escapeMarkup(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '') // eslint-disable-line no-control-regex
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A mark of the paragraph's direction, so a title that starts with a Latin word still runs right to left in Persian. */
const directionMark = (dir: 'ltr' | 'rtl') => (dir === 'rtl' ? '\u200f' : '\u200e');

/**
 * fontconfig learns a TTF file when sharp is given it as `fontfile`, one per call: every file a
 * locale needs is introduced once per process, so that Latin words in an Arabic title fall back to
 * Noto Sans rather than to whatever the system has.
 */
const known = new Set<string>();
async function registerFonts(locale: string) {
  for (const file of fontFiles(locale)) {
    if (known.has(file)) continue;
    await sharp({ text: { text: '.', fontfile: file } })
      .png()
      .toBuffer();
    known.add(file);
  }
}

async function drawOnce(t: Text, text: string, size: number): Promise<Drawn> {
  const markup = `<span foreground="${t.color}">${directionMark(t.dir)}${escapeMarkup(text)}</span>`;
  const { data, info } = await sharp({
    text: {
      text: markup,
      font: `${t.family}${t.family.includes('Noto Sans') ? '' : ', Noto Sans'}${t.bold ? ' Bold' : ''} ${size}`,
      width: t.box.width,
      dpi: 72,
      rgba: true,
      wrap: t.wrap ?? 'word',
      // The paragraph's start: Pango swaps left and right in a right-to-left paragraph.
      align: 'left',
      spacing: t.lineHeight ? Math.round(size * (t.lineHeight - 1)) : 0,
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { input: data, width: info.width, height: info.height };
}

const fits = (d: Drawn, box: Box) => d.height <= box.height && d.width <= box.width;

/**
 * The text at the largest size that fits the box; at the smallest size, as many whole words as
 * fit followed by an ellipsis, so that nothing is cut in the middle of a glyph.
 */
async function draw(t: Text): Promise<Drawn | null> {
  const text = t.text.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  let drawn: Drawn | undefined;
  for (const size of t.sizes) {
    drawn = await drawOnce(t, text, size);
    if (fits(drawn, t.box)) return drawn;
  }
  const size = t.sizes[t.sizes.length - 1]!;
  const words = text.split(' ');
  let low = 0; // the most words known to fit (with the ellipsis)
  let high = words.length; // the fewest known not to fit
  let best: Drawn | null = null;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    const candidate = await drawOnce(
      t,
      `${words
        .slice(0, mid)
        .join(' ')
        .replace(/[\s,.;:،؛]+$/u, '')}…`,
      size,
    );
    if (fits(candidate, t.box)) [low, best] = [mid, candidate];
    else high = mid;
  }
  return best ?? drawn ?? null;
}

/**
 * A share image of `kind` with the given content: a dark red card with the title in white in the
 * locale's font, aligned to its reading side, and the site's name; the portrait adds the call to
 * action (or excerpt) and the page's address.
 */
export async function renderShareImage(kind: ShareImageKind, content: ShareImageContent): Promise<Buffer> {
  const { width, height } = SHARE_IMAGES[kind];
  const { locale, dir } = content;
  await registerFonts(locale);
  const family = fontFor(locale).family;
  const leading = (extra: number) => (family === 'Noto Naskh Arabic' ? undefined : extra);
  const layers: OverlayOptions[] = [];
  const rect = (w: number, h: number, color: string): Buffer =>
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="${color}"/></svg>`,
    );
  const margin = kind === 'card' ? 72 : 88;
  const inner = width - 2 * margin;
  /** A drawing on the reading side of the margins (right in Persian and Arabic). */
  const place = (d: Drawn | null, top: number) => {
    if (d)
      layers.push({ input: d.input, left: Math.round(dir === 'rtl' ? margin + inner - d.width : margin), top: Math.round(top) });
  };
  const inLocale = (text: string, color: string, sizes: readonly number[], height: number, more: Partial<Text> = {}) =>
    draw({ text, dir, family, color, sizes, box: { width: inner, height }, ...more });
  const title = (sizes: readonly number[], height: number) =>
    inLocale(content.title, WHITE, sizes, height, { bold: true, lineHeight: leading(1.1) });
  const siteName = (sizes: readonly number[]) => inLocale(content.siteName, SOFT, sizes, sizes[0]! * 1.6, { bold: true });

  if (kind === 'card') {
    // The accent: a short bar on the reading side, above the title.
    layers.push({ input: rect(96, 8, SOFT), left: dir === 'rtl' ? width - margin - 96 : margin, top: 64 });
    const drawn = await title([68, 62, 56, 50, 45, 40], 360);
    // The title in the middle of the space between the accent and the rule.
    place(drawn, 92 + (height - 124 - 92 - (drawn?.height ?? 0)) / 2);
    layers.push({ input: rect(inner, 2, SOFT), left: margin, top: height - 124 });
    place(await siteName([32, 28, 24]), height - 100);
  } else {
    const band = 230;
    place(await siteName([34, 30, 26]), 88);
    layers.push({ input: rect(inner, 2, SOFT), left: margin, top: 160 });
    const drawn = await title([80, 72, 64, 58, 52, 46], 560);
    const top = 216;
    const bottom = height - band - 64;
    const gap = 56;
    const titleHeight = drawn?.height ?? 0;
    const text = await inLocale(content.text ?? '', SOFT, [40, 36, 33, 30], bottom - (top + titleHeight + gap), {
      lineHeight: leading(1.25),
    });
    // A short title and text stand in the middle of their space rather than under the rule.
    const block = titleHeight + (text ? gap + text.height : 0);
    const titleTop = top + Math.max(0, (bottom - top - block) / 2);
    place(drawn, titleTop);
    place(text, titleTop + titleHeight + gap);

    layers.push({ input: rect(width, band, THEME_DARK), left: 0, top: height - band });
    place(await inLocale(content.label, SOFT, [32, 28], 56), height - band + 48);
    // The address is left-to-right text in any locale, drawn on its own, isolated, so that no
    // Persian or Arabic around it (or in its path) reorders its parts.
    const address = await inLocale(`\u2066${content.address}\u2069`, WHITE, [38, 34, 30, 26, 22], 100, {
      dir: 'ltr',
      family: family === 'Noto Sans' ? family : `Noto Sans, ${family}`,
      bold: true,
      wrap: 'word-char',
    });
    place(address, height - band + 112);
  }

  const png = (colors: number) =>
    sharp({ create: { width, height, channels: 3, background: THEME } })
      .composite(layers)
      .png({ palette: true, colors, compressionLevel: 9, effort: 7 })
      .toBuffer();
  let image = await png(128);
  if (image.length > MAX_SHARE_IMAGE_BYTES) image = await png(32);
  if (image.length > MAX_SHARE_IMAGE_BYTES) {
    throw new Error(`share image ${kind} (${locale}) is ${image.length} bytes, over ${MAX_SHARE_IMAGE_BYTES}`);
  }
  return image;
}
