/**
 * A locale's Atom feed: the statement and the newest articles in full, as the pages show them (the
 * same block renderer), with absolute links, and ids that survive a change of title or slug.
 */
import { Feed } from 'feed';
import type { ReactNode } from 'react';
import { Blocks } from '@/components/blocks/Blocks';
import { lastChange, type FeedArticle, type FeedStatement } from '@/data';
import { dirOf } from '@/lib/locales';
import { mediaSrc } from '@/lib/media';
import { paths } from '@/lib/paths';
import { staticHtml } from './static-html';

export type FeedInput = {
  locale: string;
  /** SITE_URL, without a trailing slash. */
  site: string;
  /** The site's name and description in the locale. */
  title: string;
  subtitle: string;
  statement: FeedStatement | null;
  articles: FeedArticle[];
};

/**
 * Atom ids are tag URIs (RFC 4151) on the site's host, with a date the site's owner held it, and the
 * CMS's document id: readers keep an entry as read when its title or slug changes.
 */
const TAG_DATE = '2026';
const tagUri = (site: string, specific: string) => `tag:${new URL(site).hostname},${TAG_DATE}:${specific}`;

/** Characters XML 1.0 does not allow anywhere (control characters, lone surrogates, U+FFFE/F). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ATOM_ROOT = '<feed xmlns="http://www.w3.org/2005/Atom">';

/**
 * HTML of the pages' components, with the site's paths as absolute URLs (a feed is read elsewhere).
 * It never holds "]]>" (">" is escaped), which matters: the feed library puts HTML in CDATA
 * sections and splits only the first "]]>" of each.
 */
function html(site: string, node: ReactNode): string {
  return staticHtml(node).replace(/ (src|href)="\/(?!\/)/g, ` $1="${site}/`);
}

/** A lead, an excerpt, a call to action: set apart, in bold (feed readers drop the pages' styles). */
const emphasized = (text: string | null | undefined) =>
  text ? (
    <p>
      <strong>{text}</strong>
    </p>
  ) : null;

function statementContent(statement: FeedStatement) {
  return (
    <>
      {emphasized(statement.lead)}
      <Blocks content={statement.body} />
      {emphasized(statement.callToAction)}
    </>
  );
}

function articleContent(article: FeedArticle) {
  const cover = article.cover ? mediaSrc(article.cover.url) : null;
  return (
    <>
      {cover ? (
        <p>
          <img
            src={cover}
            alt={article.cover?.alternativeText ?? ''}
            width={article.cover?.width ?? undefined}
            height={article.cover?.height ?? undefined}
          />
        </p>
      ) : null}
      {emphasized(article.excerpt)}
      <Blocks content={article.body} />
    </>
  );
}

/** The Atom document (UTF-8) of a locale's feed. */
export function atomFeed({ locale, site, title, subtitle, statement, articles }: FeedInput): string {
  const url = (path: string) => `${site}${path}`;
  const dir = dirOf(locale);
  // The text direction of each entry's HTML, for the readers that show it as given.
  const body = (node: ReactNode) =>
    html(
      site,
      <div lang={locale} dir={dir}>
        {node}
      </div>,
    );

  const entries = [
    ...(statement
      ? [
          {
            title: html(site, statement.title),
            id: tagUri(site, `${locale}/statement/${statement.documentId}`),
            link: url(paths.statement(locale)),
            date: lastChange(statement),
            description: statement.lead ? html(site, statement.lead) : undefined,
            content: body(statementContent(statement)),
          },
        ]
      : []),
    ...articles.map((article) => ({
      title: html(site, article.title),
      id: tagUri(site, `${locale}/article/${article.documentId}`),
      link: url(paths.article(locale, article.slug)),
      date: lastChange(article),
      description: article.excerpt ? html(site, article.excerpt) : undefined,
      content: body(articleContent(article)),
    })),
  ].map((entry) => ({ ...entry, date: new Date(entry.date ?? 0) }));

  const feed = new Feed({
    id: tagUri(site, `${locale}/feed`),
    title,
    description: subtitle,
    link: url(paths.home(locale)),
    feed: url(paths.feed(locale)),
    favicon: url('/icon.svg'),
    // The site speaks for itself: no person is named as an author.
    author: { name: title, link: url(paths.home(locale)) },
    // The newest entry's date, so that the same content gives the same feed.
    updated: new Date(Math.max(0, ...entries.map((e) => e.date.getTime()))),
    generator: false,
  });
  for (const entry of entries) feed.addItem(entry);

  const xml = feed.atom1();
  if (!xml.includes(ATOM_ROOT)) throw new Error('Unexpected Atom root element');
  // The feed library writes no language for Atom: xml:lang on the root applies to every entry.
  return xml.replace(ATOM_ROOT, `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`).replace(NOT_XML, '');
}
