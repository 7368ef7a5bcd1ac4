import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { env } from './env';
import { localeCodes, ogLocale, sourceLocale } from './locales';
import { mediaSrc } from './media';
import { paths, type ShareTarget } from './paths';

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
};

/** A path of this site as an absolute URL (SITE_URL); an absolute URL as it is. */
export function absoluteUrl(path: string): string {
  return path.startsWith('http') ? path : `${env().SITE_URL}${path}`;
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

  const image = meta.image ? mediaSrc(meta.image.url) : null;
  const description = meta.description ?? undefined;

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
      ...(image
        ? {
            images: [
              {
                url: abs(image),
                width: meta.image?.width ?? undefined,
                height: meta.image?.height ?? undefined,
                alt: meta.image?.alternativeText ?? undefined,
              },
            ],
          }
        : {}),
      ...(meta.type === 'article'
        ? { publishedTime: meta.publishedTime ?? undefined, modifiedTime: meta.modifiedTime ?? undefined }
        : {}),
    },
    twitter: { card: image ? 'summary_large_image' : 'summary', title: meta.title, description },
  };
}

/** Links for a page that exists in every locale (home, article index). */
export function everyLocale(pathFor: (locale: string) => string): Record<string, string> {
  return Object.fromEntries(localeCodes.map((code) => [code, pathFor(code)]));
}
