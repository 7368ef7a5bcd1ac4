import { getTranslations } from 'next-intl/server';
import { paths, type ShareTarget } from '@/lib/paths';
import { shareLinks, type ShareText } from '@/share/message';
import { CopyButton, SystemShareButton } from './ShareActions';

/**
 * Share buttons as plain links: no SDK, nothing loaded from the networks until a reader clicks.
 * Copying the link and the system share sheet appear where the browser can do them.
 */
export async function ShareLinks({
  locale,
  target,
  text,
  withKitLink = true,
}: {
  locale: string;
  target: ShareTarget;
  text: ShareText;
  /** A link to the page's reposting kit (images, PDF, embed); not on the kit page itself. */
  withKitLink?: boolean;
}) {
  const t = await getTranslations('Share');
  return (
    <nav className="share" aria-label={t('label')}>
      <h2 className="share-title">{t('label')}</h2>
      <ul>
        {shareLinks(text).map(({ network, href }) => (
          <li key={network}>
            <a href={href} rel="noopener noreferrer" data-network={network}>
              {t(network)}
            </a>
          </li>
        ))}
      </ul>
      <p className="share-actions">
        <CopyButton text={text.url} label={t('copyLink')} done={t('copied')} failed={t('copyFailed')} />
        <SystemShareButton title={text.title} text={text.title} url={text.url} label={t('systemShare')} />
        {withKitLink ? <a href={paths.share(locale, target)}>{t('kitLink')}</a> : null}
      </p>
    </nav>
  );
}
