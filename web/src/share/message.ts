import { paths, type ShareTarget } from '../lib/paths';

/**
 * What a group pastes or sends: the message-ready text and the share links of a page. Pure
 * functions of the page's text and address, so the share links, the share page and the tests agree.
 */

export type ShareText = {
  title: string;
  /** The lead (statement) or excerpt (article). */
  lead?: string | null;
  callToAction?: string | null;
  /** The page's absolute address. */
  url: string;
};

/** Characters of a message a messaging app shows without folding it away ("Read more"). */
export const MESSAGE_MAX_CHARS = 1000;
/** What X counts a link as, whatever its length. */
const X_LINK_CHARS = 23;
const X_MAX_CHARS = 280;

/** Runs of white space as one space, keeping no-break spaces (French puts them before : ; ! ?). */
const clean = (text: string | null | undefined) => (text ?? '').replace(/[ \t\n\r\f\v]+/g, ' ').trim();

/** `text` cut at a word boundary to at most `max` characters (code points), with an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, Math.max(0, max - 1)).join('');
  const atWord = cut.replace(/[ \t\n\r\f\v]+[^ \t\n\r\f\v]*$/u, '');
  return `${(atWord.length > cut.length / 2 ? atWord : cut).trimEnd()}…`;
}

/**
 * The message-ready text: title, lead, call to action, link, in paragraphs. The lead is shortened
 * first so that the whole fits `max`; the title, the call to action and the link are never cut.
 */
export function messageText({ title, lead, callToAction, url }: ShareText, max = MESSAGE_MAX_CHARS): string {
  const fixed = [clean(title), clean(callToAction), url].filter(Boolean);
  const room = max - [...fixed.join('\n\n')].length - 2;
  const body = clean(lead);
  const parts = [fixed[0]!, ...(body && room > 40 ? [shorten(body, room)] : []), ...fixed.slice(1)];
  return parts.join('\n\n');
}

export const SHARE_NETWORKS = ['telegram', 'whatsapp', 'x', 'facebook', 'email'] as const;
export type ShareNetwork = (typeof SHARE_NETWORKS)[number];

/** The share links: plain links to each service's own share address, prefilled in the page's language. */
export function shareLinks(text: ShareText): { network: ShareNetwork; href: string }[] {
  const u = encodeURIComponent(text.url);
  const title = clean(text.title);
  const teaser = [title, clean(text.callToAction)].filter(Boolean).join('\n\n');
  const tweet = shorten(title, X_MAX_CHARS - X_LINK_CHARS - 1);
  const hrefs: Record<ShareNetwork, string> = {
    telegram: `https://t.me/share/url?url=${u}&text=${encodeURIComponent(teaser)}`,
    whatsapp: `https://wa.me/?text=${encodeURIComponent(`${teaser}\n\n${text.url}`)}`,
    x: `https://x.com/intent/post?url=${u}&text=${encodeURIComponent(tweet)}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${u}`,
    email: `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(messageText(text))}`,
  };
  return SHARE_NETWORKS.map((network) => ({ network, href: hrefs[network] }));
}

/** The `<iframe>` another site pastes to embed a page (`src` is the embed route's absolute address). */
export function embedSnippet({
  src,
  title,
  lang,
  width = '100%',
  height = 600,
}: {
  src: string;
  title: string;
  lang: string;
  width?: number | string;
  height?: number;
}): string {
  const attr = (value: string | number) =>
    String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<iframe src="${attr(src)}" title="${attr(title)}" lang="${attr(lang)}" width="${attr(width)}" height="${attr(height)}" style="border:1px solid #ccc;max-width:100%" loading="lazy" referrerpolicy="no-referrer"></iframe>`;
}

/** What a statement or article says when shared, at its absolute address on `siteUrl`. */
export function shareTextOf(
  siteUrl: string,
  locale: string,
  target: ShareTarget,
  doc: { title: string; lead?: string | null; excerpt?: string | null; callToAction?: string | null },
): ShareText {
  return {
    title: doc.title,
    lead: doc.lead ?? doc.excerpt,
    callToAction: doc.callToAction,
    url: `${siteUrl}${paths.target(locale, target)}`,
  };
}
