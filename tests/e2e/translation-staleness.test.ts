import { describe, expect, inject, it } from 'vitest';
import { formatDate } from '../../web/src/lib/format';
import { graphql } from '../helpers/cms';
import { useTestArticle } from '../helpers/test-article';
import { locales, messages } from '../helpers/site-content';

/**
 * A reader of a translation is told, in the page's language, when the English original changed
 * after the translation was made (with the date and a link to the original), and stops being told
 * once the translation is brought up to date; a human review shows with its date.
 * Works on an article of its own, so the seed content other tests read is left as it was.
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const cmsEnv = inject('cmsEnv');
const stamp = Date.now().toString(36);
const translated = locales.map((l) => l.code).filter((code) => code !== 'en');

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });
const slugs: Record<string, string> = {
  en: `staleness-${stamp}`,
  fa: `کهنگی-${stamp}`,
  fr: `obsolescence-${stamp}`,
  ar: `تقادم-${stamp}`,
};
const version = (locale: string) => ({
  title: `Staleness ${locale} ${stamp}`,
  slug: slugs[locale],
  body: [paragraph(`Version ${locale}: the first text.`)],
  translation: { reviewState: locale === 'ar' ? 'human-reviewed' : 'machine-assisted' },
});

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');

/** The literal words of a message around its placeholders and tags: what must be on the page. */
const literals = (message: string) =>
  message
    .split(/<\/?\w+>|\{[^}]*\}/)
    .map((part) => part.trim())
    .filter((part) => part.length > 1);

async function provenance(locale: string) {
  const response = await fetch(`${siteUrl}/${locale}/articles/${encodeURIComponent(slugs[locale]!)}`, {
    signal: AbortSignal.timeout(15_000),
  });
  const html = await response.text();
  const aside = html.match(/<aside class="provenance"[\s\S]*?<\/aside>/)?.[0] ?? '';
  const notice = aside.match(/<p class="provenance-outdated"[^>]*>([\s\S]*?)<\/p>/);
  return {
    status: response.status,
    html,
    aside: decode(aside),
    notice: notice ? decode(notice[1]!) : null,
    noticeHtml: notice?.[1] ?? '',
  };
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const article = useTestArticle(
  cmsEnv,
  ['en', ...translated].map((locale) => [locale, version(locale)]),
);

describe('a translation whose English original changed', () => {
  it('says nothing while the translation is current; a human review shows with its date', async () => {
    for (const locale of translated) {
      const page = await provenance(locale);
      expect(page.status).toBe(200);
      expect(page.notice, locale).toBeNull();
    }
    const ar = await provenance('ar');
    const reviewed = literals(messages('ar').Provenance!.reviewedOn!);
    for (const words of reviewed) expect(ar.aside).toContain(words);
    expect(ar.aside).toContain(formatDate(new Date().toISOString(), 'ar'));
  });

  it('tells the reader of every translation, in its language, with the date and a link to the original', async () => {
    await article.edit([
      { action: 'update', locale: 'en', data: { body: [paragraph('Version en: the second text.')] } },
      { action: 'publish', locale: 'en' },
    ]);
    const { body } = await graphql<{ articles: { translationStatus: { sourceChangedAt: string } }[] }>(
      { graphqlUrl: `${cmsUrl}/graphql` },
      'query($id: ID!) { articles(locale: "fa", filters: { documentId: { eq: $id } }) { translationStatus { sourceChangedAt } } }',
      { id: article.documentId },
    );
    const changedAt = body.data!.articles[0]!.translationStatus.sourceChangedAt;

    for (const locale of translated) {
      const page = await eventually(
        () => provenance(locale),
        (p) => p.notice !== null,
      );
      expect(page.notice, `${locale}: no notice`).not.toBeNull();
      for (const words of literals(messages(locale).Provenance!.outdated!)) expect(page.notice).toContain(words);
      expect(page.notice).toContain(formatDate(changedAt, locale));
      expect(page.noticeHtml).toContain(`href="/en/articles/${slugs.en}"`);
      const dir = locales.find((l) => l.code === locale)!.dir;
      expect(page.html).toMatch(
        new RegExp(`<html[^>]*lang="${locale}"[^>]*dir="${dir}"|<html[^>]*dir="${dir}"[^>]*lang="${locale}"`),
      );
    }
    expect((await provenance('en')).notice).toBeNull();
  });

  it('stops once the translation is brought up to date and published; the others still say it', async () => {
    await article.edit([
      { action: 'update', locale: 'fa', data: { body: [paragraph('نسخهٔ فارسی: متن دوم.')] } },
      { action: 'markCurrent', locale: 'fa' },
      { action: 'publish', locale: 'fa' },
    ]);
    const fa = await eventually(
      () => provenance('fa'),
      (p) => p.notice === null,
    );
    expect(fa.notice).toBeNull();
    expect(fa.html).toContain('نسخهٔ فارسی: متن دوم.');
    expect((await provenance('fr')).notice).not.toBeNull();
  });
});
