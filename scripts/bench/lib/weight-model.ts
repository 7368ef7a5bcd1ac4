/** Pure logic of the page-weight measurement: classifying requests and judging font subsets. */

export type ResourceKind = 'html' | 'css' | 'js' | 'fonts' | 'images' | 'other';
export const KINDS: ResourceKind[] = ['html', 'css', 'js', 'fonts', 'images', 'other'];

/** From the Chrome DevTools Protocol's resource type (Document, Script, ...) and the MIME type. */
export function classify(cdpType: string | undefined, mimeType = ''): ResourceKind {
  switch (cdpType) {
    case 'Document':
      return 'html';
    case 'Stylesheet':
      return 'css';
    case 'Script':
      return 'js';
    case 'Font':
      return 'fonts';
    case 'Image':
      return 'images';
  }
  if (/javascript/.test(mimeType)) return 'js';
  if (/^text\/css/.test(mimeType)) return 'css';
  if (/^font\/|woff/.test(mimeType)) return 'fonts';
  if (/^image\//.test(mimeType)) return 'images';
  return 'other';
}

export type WireRequest = { url: string; kind: ResourceKind; bytes: number; status: number };
export type Weight = Record<ResourceKind, number> & { total: number; requests: number };

export function weigh(requests: WireRequest[]): Weight {
  const weight = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<ResourceKind, number>;
  for (const request of requests) weight[request.kind] += request.bytes;
  return { ...weight, total: requests.reduce((sum, request) => sum + request.bytes, 0), requests: requests.length };
}

/** A unicode-range descriptor ("U+0000-00FF, U+0131, U+06??") as [start, end] pairs. */
export function parseUnicodeRange(descriptor: string): [number, number][] {
  if (!descriptor.trim()) return [[0, 0x10ffff]];
  return descriptor.split(',').flatMap((part) => {
    const text = part.trim().replace(/^U\+/i, '');
    if (!text) return [];
    if (text.includes('?'))
      return [[parseInt(text.replace(/\?/g, '0'), 16), parseInt(text.replace(/\?/g, 'F'), 16)] as [number, number]];
    const [start, end] = text.split('-');
    const from = parseInt(start!, 16);
    return [[from, end ? parseInt(end, 16) : from] as [number, number]];
  });
}

export function textHitsRange(text: string, ranges: [number, number][]): boolean {
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code <= 0x20) continue;
    if (ranges.some(([from, to]) => code >= from && code <= to)) return true;
  }
  return false;
}

export type FontFace = { family: string; url: string; unicodeRange: string };

export type FontCheck = { url: string; file: string; family: string; needed: boolean };

/**
 * Which downloaded font files the page needed: a file is needed when the page's text has a
 * character in its @font-face's unicode-range. A font preloaded for another script (Persian on an
 * English page) is not needed; Chromium itself downloads a subset only when the text uses it.
 */
export function checkFonts(downloaded: string[], faces: FontFace[], text: string): FontCheck[] {
  return downloaded.map((url) => {
    const face = faces.find((f) => f.url === url);
    const file = decodeURIComponent(new URL(url).pathname.split('/').at(-1) ?? url);
    if (!face) return { url, file, family: '?', needed: false };
    return { url, file, family: face.family, needed: textHitsRange(text, parseUnicodeRange(face.unicodeRange)) };
  });
}
