import { getTranslations } from 'next-intl/server';
import { dirOf } from '@/lib/locales';
import { PAPER_SIZES, SHARE_IMAGES, paths, type ShareImageKind, type ShareTarget } from '@/lib/paths';
import { shareImageContent, shareImageVersion, type ShareImageSource } from '@/share/image-content';
import { embedSnippet, messageText, type ShareText } from '@/share/message';
import { qrSvg } from '@/share/qr';
import { CopyButton } from './ShareActions';
import { ShareLinks } from './ShareLinks';

/**
 * Everything a group needs to repost one page in its language, usable without JavaScript: share
 * links, a message-ready text and the embed code in selectable blocks, the images and PDFs to
 * download, a QR code of the address.
 */
export async function ShareKit({
  locale,
  target,
  text,
  siteUrl,
  imageSource,
}: {
  locale: string;
  target: ShareTarget;
  text: ShareText;
  siteUrl: string;
  /** What the share images show: their URLs name its version. */
  imageSource: ShareImageSource;
}) {
  const t = await getTranslations('ShareKit');
  const tShare = await getTranslations('Share');
  const message = messageText(text);
  const snippet = embedSnippet({ src: `${siteUrl}${paths.embed(locale, target)}`, title: text.title, lang: locale });
  const qr = await qrSvg(text.url);
  const copy = { done: tShare('copied'), failed: tShare('copyFailed') };
  const images: ShareImageKind[] = ['card', 'portrait'];
  const imageVersion = shareImageVersion(await shareImageContent(locale, target, imageSource));

  return (
    <div className="share-kit">
      <h1>{target.kind === 'statement' ? t('titleStatement') : t('titleArticle')}</h1>
      <p className="share-kit-doc">
        <a href={paths.target(locale, target)}>{text.title}</a>
        <br />
        <bdi dir="ltr" className="url">
          {text.url}
        </bdi>
      </p>

      <ShareLinks locale={locale} target={target} text={text} withKitLink={false} />

      <section aria-labelledby="kit-message">
        <h2 id="kit-message">{t('messageTitle')}</h2>
        <p>{t('messageHelp')}</p>
        <textarea
          id="kit-message-text"
          readOnly
          rows={10}
          defaultValue={message}
          dir={dirOf(locale)}
          lang={locale}
          aria-labelledby="kit-message"
        />
        <CopyButton text={message} label={tShare('copyText')} {...copy} />
      </section>

      <section aria-labelledby="kit-images">
        <h2 id="kit-images">{t('imagesTitle')}</h2>
        <ul className="share-kit-images">
          {images.map((kind) => {
            const src = paths.shareImage(locale, target, kind, imageVersion);
            const { width, height } = SHARE_IMAGES[kind];
            return (
              <li key={kind}>
                <figure>
                  <img src={src} width={width} height={height} loading="lazy" alt={t(`${kind}Alt`, { title: text.title })} />
                  <figcaption>
                    <a href={src} download>
                      {t(`${kind}Download`, { width, height })}
                    </a>
                  </figcaption>
                </figure>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="kit-print">
        <h2 id="kit-print">{t('printTitle')}</h2>
        <p>{t('printHelp')}</p>
        <ul>
          {PAPER_SIZES.map((paper) => (
            <li key={paper}>
              <a href={paths.pdf(locale, target, paper)} type="application/pdf">
                {t('pdf', { paper })}
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="kit-qr">
        <h2 id="kit-qr">{t('qrTitle')}</h2>
        <figure className="share-kit-qr">
          {/* Made here from the page's own address by the qrcode library: no markup from elsewhere. */}
          <div role="img" aria-label={t('qrAlt', { title: text.title })} dangerouslySetInnerHTML={{ __html: qr }} />
          <figcaption>
            <a href={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr)}`} download="qr.svg">
              {t('qrDownload')}
            </a>
          </figcaption>
        </figure>
      </section>

      <section aria-labelledby="kit-embed">
        <h2 id="kit-embed">{t('embedTitle')}</h2>
        <p>{t('embedHelp')}</p>
        <textarea id="kit-embed-code" readOnly rows={4} defaultValue={snippet} dir="ltr" aria-labelledby="kit-embed" />
        <CopyButton text={snippet} label={tShare('copySnippet')} {...copy} />
        <p>{t('oembedHelp')}</p>
      </section>
    </div>
  );
}
