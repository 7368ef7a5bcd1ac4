import { getLocale } from 'next-intl/server';
import { NotFoundView } from '@/components/NotFoundView';

/**
 * notFound() from a page under a locale (an unknown slug the proxy could not rule out). Next 16.3+
 * sends this one as an empty shell that the browser fills in (vercel/next.js#62228), so the proxy
 * answers the 404s it can recognize itself through app/not-found.tsx, which is server-rendered.
 */
export default async function LocaleNotFound() {
  return <NotFoundView locale={await getLocale()} />;
}
