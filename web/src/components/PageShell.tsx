import type { ReactNode } from 'react';
import type { LanguageLinks } from './LanguageSwitcher';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';

/** Header (with the language switcher for this document), main content, footer. */
export function PageShell({ locale, links, children }: { locale: string; links: LanguageLinks; children: ReactNode }) {
  return (
    <>
      <SiteHeader locale={locale} links={links} />
      <main id="main" className="wrap" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
