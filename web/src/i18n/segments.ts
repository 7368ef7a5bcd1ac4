import { hasLocale } from 'next-intl';
import { notFound } from 'next/navigation';
import { setRequestLocale } from 'next-intl/server';
import { routing } from './routing';

/** The `[locale]` segment, or a 404. Also tells next-intl the locale so the page stays static. */
export function localeParam(value: string): string {
  if (!hasLocale(routing.locales, value)) notFound();
  setRequestLocale(value);
  return value;
}

/** A slug segment as text (Next may hand it over percent-encoded), or null when malformed. */
export function decodeSlug(value: string): string | null {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
