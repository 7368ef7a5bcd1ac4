import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';

/**
 * A page framed by another site: the text only, no header, navigation or share links, and a link to
 * read it on the site. Links open outside the frame (the site's other pages refuse to be framed).
 */
export async function EmbedShell({ locale, href, children }: { locale: string; href: string; children: ReactNode }) {
  const t = await getTranslations({ locale, namespace: 'Embed' });
  const tMeta = await getTranslations({ locale, namespace: 'Metadata' });
  return (
    <>
      {/* The first <base> with a target, wherever it is, sets where links open. */}
      <base target="_blank" />
      <main id="main" className="embed wrap" tabIndex={-1}>
        {children}
        <p className="embed-source">
          <a href={href} target="_blank" rel="noopener">
            {t('readOnSite', { site: tMeta('siteName') })}
          </a>
        </p>
      </main>
    </>
  );
}
