import { notFound } from 'next/navigation';

/**
 * A page that throws, for the end-to-end test of what a reader gets when a component has a bug (a
 * localized 500 page, a log line): it exists only where SITE_ERROR_PROBE=1 is set (the tests' site);
 * everywhere else it is a 404.
 */
export const dynamic = 'force-dynamic';

export default function ErrorProbe() {
  if (process.env.SITE_ERROR_PROBE !== '1') notFound();
  throw new Error('error probe: a component that throws');
}
