import type en from '@publication/locales/en.json';
import generated from './generated/error-messages.json';

// The error boundary is a client component, without next-intl's provider: it gets its strings from
// a file that `npm run codegen` writes from every catalog (scripts/error-messages.mjs).
export const errorMessages: Record<string, typeof en.ErrorPage> = generated;
