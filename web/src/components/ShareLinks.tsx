import { getTranslations } from 'next-intl/server';

/** Share buttons as plain links: no SDK, nothing loaded from the networks until a reader clicks. */
export async function ShareLinks({ url, title }: { url: string; title: string }) {
  const t = await getTranslations('Share');
  const u = encodeURIComponent(url);
  const text = encodeURIComponent(title);
  const links = [
    { key: 'telegram', href: `https://t.me/share/url?url=${u}&text=${text}` },
    { key: 'whatsapp', href: `https://wa.me/?text=${text}%20${u}` },
    { key: 'x', href: `https://x.com/intent/tweet?url=${u}&text=${text}` },
    { key: 'email', href: `mailto:?subject=${text}&body=${u}` },
  ] as const;
  return (
    <nav className="share" aria-label={t('label')}>
      <h2 className="share-title">{t('label')}</h2>
      <ul>
        {links.map(({ key, href }) => (
          <li key={key}>
            <a href={href} rel="noopener noreferrer">
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
