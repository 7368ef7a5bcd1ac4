import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { formatDate } from '../../../web/src/lib/format';
import { dirOf } from '../../../web/src/lib/locales';
import { LOCALES_DIR } from '../repo-dirs';

type Catalog = { Metadata: { siteName: string }; Mirror: Record<'label' | 'notice' | 'verify' | 'verifyLink', string> };
const catalogs = new Map<string, Catalog>();

export function catalog(locale: string): Catalog {
  let found = catalogs.get(locale);
  if (!found) {
    found = JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, `${locale}.json`), 'utf8')) as Catalog;
    catalogs.set(locale, found);
  }
  return found;
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A catalog message with plain arguments, and HTML put in place of others (escaped text around it). */
function message(locale: string, text: string, values: Record<string, string>, html: Record<string, string>): string {
  const markers = Object.fromEntries(Object.keys(html).map((name, i) => [name, `\u0000${i}\u0000`]));
  const formatted = String(new IntlMessageFormat(text, locale).format({ ...values, ...markers }));
  return Object.entries(html).reduce(
    (out, [name, value]) => out.replace(escapeHtml(markers[name]!), value),
    escapeHtml(formatted),
  );
}

/**
 * The notice at the top of every mirrored page, in the page's language: a copy of the site, made on
 * a date (in the locale's own calendar and digits), the origin's address (the one link that leaves
 * the mirror), and a link to the bundle's VERIFY.txt.
 */
export function noticeHtml(options: { locale: string; origin: string; date: string; verifyHref: string }): string {
  const { locale, origin, date, verifyHref } = options;
  const t = catalog(locale);
  const originLink = `<a href="${escapeHtml(origin)}/" rel="noreferrer" data-mirror-origin><bdi dir="ltr">${escapeHtml(origin)}</bdi></a>`;
  const verifyLink = `<a href="${escapeHtml(verifyHref)}">${escapeHtml(t.Mirror.verifyLink)}</a>`;
  const notice = message(
    locale,
    t.Mirror.notice,
    { site: t.Metadata.siteName, date: formatDate(date, locale) ?? date },
    { origin: originLink },
  );
  const verify = message(locale, t.Mirror.verify, {}, { link: verifyLink });
  // Styled inline: the site's stylesheet knows nothing of it, and a copy has no other place for it.
  return (
    `<aside class="mirror-notice" role="note" lang="${locale}" dir="${dirOf(locale)}" aria-label="${escapeHtml(t.Mirror.label)}"` +
    ` style="border-block-end:2px solid #7a1f1f;padding:0.5rem 1rem;background:#fbf3e8;color:#1a1a1a;font-size:0.95rem;line-height:1.5">` +
    `<p style="margin:0">${notice} ${verify}</p></aside>`
  );
}
