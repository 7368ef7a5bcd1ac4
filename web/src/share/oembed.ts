import { getTranslations } from 'next-intl/server';
import { getTarget } from '@/data';
import { env } from '@/lib/env';
import { isLocale } from '@/lib/locales';
import { paths, targetOfPath } from '@/lib/paths';
import { embedSnippet } from './message';

export type OembedAnswer = { status: 200; body: Record<string, string | number> } | { status: 400 | 404 | 501; error: string };

const DEFAULT_WIDTH = 720;
const DEFAULT_HEIGHT = 600;
/** A maxwidth or maxheight: the default size or less (oEmbed's "maximum"), or null when not a size. */
function size(value: string | null, fallback: number): number | null {
  if (value === null || value === '') return fallback;
  if (!/^[1-9][0-9]{0,4}$/.test(value)) return null;
  return Math.min(fallback, Number(value));
}

/** The oEmbed answer for a request's parameters: a rich `<iframe>` of the page's embed route. */
export async function oembedFor(params: URLSearchParams): Promise<OembedAnswer> {
  const format = params.get('format') ?? 'json';
  if (format !== 'json') return { status: 501, error: 'Only format=json is available.' };
  const raw = params.get('url');
  if (!raw) return { status: 400, error: 'The url parameter is required.' };
  const width = size(params.get('maxwidth'), DEFAULT_WIDTH);
  const height = size(params.get('maxheight'), DEFAULT_HEIGHT);
  if (width === null || height === null) return { status: 400, error: 'maxwidth and maxheight must be whole numbers.' };

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { status: 400, error: 'The url parameter is not a URL.' };
  }
  const site = new URL(env().SITE_URL);
  const found = targetOfPath(url.pathname);
  if (url.origin !== site.origin || url.username || url.password || !found || !isLocale(found.locale)) {
    return { status: 404, error: 'This site has no embeddable page at that address.' };
  }

  const { locale } = found;
  const page = await getTarget(locale, found.target);
  if (!page) return { status: 404, error: 'Not published in this language.' };
  const { target } = page;
  const title = page.kind === 'statement' ? page.statement.title : page.article.title;
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  const src = `${env().SITE_URL}${paths.embed(locale, target)}`;
  return {
    status: 200,
    body: {
      version: '1.0',
      type: 'rich',
      title,
      provider_name: t('siteName'),
      provider_url: `${env().SITE_URL}${paths.home(locale)}`,
      html: embedSnippet({ src, title, lang: locale, width, height }),
      width,
      height,
      cache_age: 3600,
    },
  };
}
