import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { env } from './env';
import { localeCodes, ogLocale, sourceLocale } from './locales';
import { mediaSrc } from './media';
import { paths, SHARE_IMAGES, type ShareTarget } from './paths';
import { shareImageContent, shareImageVersion, type ShareImageSource } from '@/share/image-content';

export type PageMeta = {
  locale: string;
  title: string;
  /** Used as is, without the site name appended. */
  absoluteTitle?: boolean;
  description?: string | null;
  /** locale → this document's path in that locale (only the locales it exists in). */
  links: Record<string, string | null>;
  /** The path of this page (defaults to links[locale]). */
  path?: string;
  /** Where x-default points (defaults to the source-locale version, else this page). */
  xDefault?: string;
  noindex?: boolean;
  type?: 'website' | 'article';
  image?: { url: string; width?: number | null; height?: number | null; alternativeText?: string | null } | null;
  publishedTime?: string | null;
  modifiedTime?: string | null;
  /** What this page is (the statement, an article) when it can be shared and embedded: its oEmbed link. */
  share?: ShareTarget;
  /**
   * The generated share card this page previews with (the statement's, an article's; the home page
   * shows the statement's): the first og:image and the twitter:image. Given only for a document
   * published in this page's locale, so a preview never shows another language.
   */
  card?: { target: ShareTarget; source: ShareImageSource };
};

/** A path of this site as an absolute URL (SITE_URL); an absolute URL as it is. */
export function absoluteUrl(path: string): string {
  return path.startsWith('http') ? path : `${env().SITE_URL}${path}`;
}

/** The card's og:image: absolute, versioned (its URL changes with what it shows), with a localized alt. */
async function cardImage(locale: string, card: NonNullable<PageMeta['card']>, abs: (path: string) => string) {
  const content = await shareImageContent(locale, card.target, card.source);
  const t = await getTranslations({ locale, namespace: 'ShareImage' });
  return {
    url: abs(paths.shareImage(locale, card.target, 'card', shareImageVersion(content))),
    ...SHARE_IMAGES.card,
    type: 'image/png',
    alt: t('alt', { title: content.title, siteName: content.siteName }),
  };
}

/**
 * A page's hreflang alternates (the page heads and the sitemap say the same): locale → absolute URL
 * of each version that exists, and x-default: `xDefault`, else the source-locale version, else
 * `locale`'s own.
 */
export function languageAlternates(
  links: Record<string, string | null | undefined>,
  locale: string,
  xDefault?: string,
): Record<string, string> {
  const languages: Record<string, string> = {};
  for (const code of localeCodes) {
    const href = links[code];
    if (href) languages[code] = absoluteUrl(href);
  }
  const fallback = xDefault ?? links[sourceLocale] ?? links[locale];
  if (fallback) languages['x-default'] = absoluteUrl(fallback);
  return languages;
}

/** Localized title and description, canonical URL, hreflang alternates plus x-default, Open Graph. */
export async function pageMetadata(meta: PageMeta): Promise<Metadata> {
  const t = await getTranslations({ locale: meta.locale, namespace: 'Metadata' });
  const siteName = t('siteName');
  const abs = absoluteUrl;
  const path = meta.path ?? meta.links[meta.locale] ?? `/${meta.locale}`;
  const languages = languageAlternates(meta.links, meta.locale, meta.xDefault);

  const description = meta.description ?? undefined;
  // A page that is not indexed (a missing translation) previews with no image: none would be in its language.
  const card = meta.card && !meta.noindex ? await cardImage(meta.locale, meta.card, abs) : null;
  // The editor's share image (or an article's cover) comes after the card: the card is what link
  // previews take, as it carries the title in the page's language; the picture stays for platforms
  // that offer a choice.
  const picture = meta.image && !meta.noindex ? meta.image : null;
  const pictureSrc = picture ? mediaSrc(picture.url) : null;
  const images = [
    ...(card ? [card] : []),
    ...(picture && pictureSrc
      ? [
          {
            url: abs(pictureSrc),
            width: picture.width ?? undefined,
            height: picture.height ?? undefined,
            alt: picture.alternativeText ?? undefined,
          },
        ]
      : []),
  ];

  return {
    title: meta.absoluteTitle ? { absolute: meta.title } : meta.title,
    description,
    alternates: {
      canonical: abs(path),
      languages,
      types: {
        'application/atom+xml': [{ url: abs(paths.feed(meta.locale)), title: t('feedTitle') }],
        ...(meta.share ? { 'application/json+oembed': [{ url: abs(paths.oembed(abs(path))), title: meta.title }] } : {}),
      },
    },
    robots: meta.noindex ? { index: false, follow: true } : undefined,
    openGraph: {
      type: meta.type ?? 'website',
      locale: ogLocale(meta.locale),
      alternateLocale: Object.keys(languages)
        .filter((code) => code !== meta.locale && code !== 'x-default')
        .map(ogLocale),
      siteName,
      title: meta.title,
      description,
      url: abs(path),
      ...(images.length ? { images } : {}),
      ...(meta.type === 'article'
        ? { publishedTime: meta.publishedTime ?? undefined, modifiedTime: meta.modifiedTime ?? undefined }
        : {}),
    },
    twitter: {
      card: images.length ? 'summary_large_image' : 'summary',
      title: meta.title,
      description,
      ...(images[0] ? { images: [{ url: images[0].url, alt: images[0].alt }] } : {}),
    },
  };
}

/** Links for a page that exists in every locale (home, article index). */
export function everyLocale(pathFor: (locale: string) => string): Record<string, string> {
  return Object.fromEntries(localeCodes.map((code) => [code, pathFor(code)]));
}
