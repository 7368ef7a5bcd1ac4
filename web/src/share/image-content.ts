import { createHash } from 'node:crypto';
import { getTranslations } from 'next-intl/server';
import { env } from '../lib/env';
import { dirOf } from '../lib/locales';
import { paths, type ShareTarget } from '../lib/paths';

/**
 * What a share image shows, and the version that names it. The pages' og:image URLs and the image
 * routes both derive it here, from the same published document, so `?v=` matches exactly when the
 * image a URL names is the one the route would draw. Kept apart from ./image.ts so that page
 * metadata does not load sharp.
 */

/** Bump when the drawing in ./image.ts changes, so that every image gets a new URL. */
const DESIGN = '1';

/** The fields of a statement or article an image is drawn from. */
export type ShareImageSource = { title: string; text?: string | null };

export type ShareImageContent = {
  locale: string;
  dir: 'ltr' | 'rtl';
  title: string;
  /** The call to action (statement) or excerpt (article): the portrait shows it. */
  text: string | null;
  /** The page's address as a reader would type it: no scheme, the slug decoded. */
  address: string;
  siteName: string;
  /** The words above the address on the portrait. */
  label: string;
};

/** The statement's image: its title and call to action (its lead when it has none). */
export function statementImageSource(statement: {
  title: string;
  callToAction?: string | null;
  lead?: string | null;
}): ShareImageSource {
  return { title: statement.title, text: statement.callToAction || statement.lead || null };
}

/** An article's image: its title and excerpt. */
export function articleImageSource(article: { title: string; excerpt?: string | null }): ShareImageSource {
  return { title: article.title, text: article.excerpt || null };
}

/** The address shown on an image: https://example.org/fa/articles/%D8... as example.org/fa/articles/آزمون */
export function displayAddress(url: string): string {
  let shown = url.replace(/^https?:\/\//, '');
  try {
    shown = decodeURI(shown);
  } catch {
    // keep it encoded
  }
  return shown;
}

export async function shareImageContent(
  locale: string,
  target: ShareTarget,
  source: ShareImageSource,
): Promise<ShareImageContent> {
  const site = await getTranslations({ locale, namespace: 'Metadata' });
  const t = await getTranslations({ locale, namespace: 'ShareImage' });
  return {
    locale,
    dir: dirOf(locale),
    title: source.title,
    text: source.text?.trim() || null,
    address: displayAddress(`${env().SITE_URL}${paths.target(locale, target)}`),
    siteName: site('siteName'),
    label: t(target.kind === 'statement' ? 'readStatement' : 'readArticle'),
  };
}

/** A short hash of everything an image shows (both kinds): a new published text, a new version. */
export function shareImageVersion(content: ShareImageContent): string {
  return createHash('sha256')
    .update(JSON.stringify([DESIGN, content]))
    .digest('base64url')
    .slice(0, 12);
}
