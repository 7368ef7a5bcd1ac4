import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHARE_NETWORKS, embedSnippet, messageText, shareLinks, shorten } from '../../web/src/share/message';
import { paths, targetOfPath, type ShareTarget } from '../../web/src/lib/paths';

const statement = {
  title: 'بیانیه: فراخوان برای محاکمهٔ مسئولان قتل‌عام ۱۳۶۷',
  lead: 'در تابستان ۱۳۶۷ هزاران زندانی سیاسی اعدام شدند. '.repeat(40),
  callToAction: 'از سازمان ملل بخواهید تحقیق کند.',
  url: 'https://example.org/fa/statement',
};

describe('message-ready text', () => {
  it('keeps the title, the call to action and the link whole, and fits a message', () => {
    const text = messageText(statement);
    expect([...text].length).toBeLessThanOrEqual(1000);
    expect(text.startsWith(statement.title)).toBe(true);
    expect(text).toContain(statement.callToAction);
    expect(text.endsWith(statement.url)).toBe(true);
    expect(text).toContain('…');
  });

  it('keeps French no-break spaces', () => {
    const text = messageText({ title: 'Massacre de 1988\u00a0: appel', lead: 'Justice\u00a0!', url: 'https://example.org/fr' });
    expect(text).toBe('Massacre de 1988\u00a0: appel\n\nJustice\u00a0!\n\nhttps://example.org/fr');
  });

  it('keeps a short lead whole', () => {
    const text = messageText({ ...statement, lead: 'Short lead.' });
    expect(text).toBe(`${statement.title}\n\nShort lead.\n\n${statement.callToAction}\n\n${statement.url}`);
  });

  it('never exceeds its size nor cuts inside a character, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 3000 }), fc.integer({ min: 1, max: 400 }), (text, max) => {
        const cut = shorten(text, max);
        expect([...cut].length).toBeLessThanOrEqual(Math.max(max, 1));
        expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }),
    );
  });
});

describe('share links', () => {
  it('link to each service with the page address and its language text, and nothing else', () => {
    const links = shareLinks(statement);
    expect(links.map((l) => l.network)).toEqual([...SHARE_NETWORKS]);
    for (const { network, href } of links) {
      const url = new URL(href);
      const all = decodeURIComponent(url.search);
      expect(all, network).toContain(statement.url);
      if (network !== 'facebook') expect(all, network).toContain(statement.title);
    }
    const tweet = new URL(links.find((l) => l.network === 'x')!.href).searchParams.get('text')!;
    expect([...tweet].length + 24).toBeLessThanOrEqual(280);
  });
});

describe('embed snippet', () => {
  it('escapes what it is given', () => {
    const html = embedSnippet({ src: 'https://example.org/fa/embed/statement', title: '"><script>x</script>', lang: 'fa' });
    expect(html).not.toContain('<script>');
    expect(html).toMatch(/^<iframe src="https:\/\/example\.org\/fa\/embed\/statement" title="&quot;&gt;&lt;script&gt;/);
  });
});

describe('targetOfPath, the inverse of the page paths', () => {
  const targets: ShareTarget[] = [
    { kind: 'statement' },
    { kind: 'article', slug: 'a-b' },
    { kind: 'article', slug: 'قتل-عام-۶۷' },
    { kind: 'article', slug: 'x.y' },
  ];
  it.each(targets)('reads back %o from its page and embed paths', (target) => {
    for (const locale of ['en', 'fa']) {
      expect(targetOfPath(paths.target(locale, target))).toEqual({ locale, target });
      expect(targetOfPath(paths.embed(locale, target))).toEqual({ locale, target });
    }
  });
  it.each([
    '/',
    '/fa',
    '/fa/articles',
    '/fa/articles/page',
    '/fa/share',
    '/fa/statement/x',
    '/fa/articles/%E0%A4%A',
    '/fa/embed',
  ])('finds no page in %s', (path) => expect(targetOfPath(path)).toBeNull());
});
