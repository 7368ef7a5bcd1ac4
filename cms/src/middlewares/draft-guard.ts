import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import localeList from '@publication/locales/locales.json';
import { assertMayRead } from '../bootstrap/draft-guard';

const LOCALES = new Set(['all', '*', ...localeList.locales.map((locale) => locale.code)]);
const POSITIVE_INTEGER = /^[1-9][0-9]{0,5}$/;
const NON_NEGATIVE_INTEGER = /^(0|[1-9][0-9]{0,5})$/;

/**
 * The public REST API's gate: refuses drafts (`?status=draft`, v4's `publicationState=preview`) unless
 * an API token is used, and answers 400 to a locale or pagination that Strapi would silently ignore.
 */
const draftGuard: Core.MiddlewareFactory = () => async (ctx, next) => {
  assertMayRead(ctx.query, ctx.state.auth);

  const { locale, pagination } = ctx.query as { locale?: unknown; pagination?: Record<string, unknown> };
  if (locale !== undefined && (typeof locale !== 'string' || !LOCALES.has(locale))) {
    throw new errors.ValidationError(`Unknown locale. Use one of: ${localeList.locales.map((l) => l.code).join(', ')}`);
  }
  if (pagination !== undefined) {
    const rules: Record<string, RegExp> = { page: POSITIVE_INTEGER, pageSize: POSITIVE_INTEGER, start: NON_NEGATIVE_INTEGER, limit: POSITIVE_INTEGER, withCount: /^(true|false)$/ };
    const bad = typeof pagination !== 'object' || Object.entries(pagination).some(([key, value]) => typeof value !== 'string' || !rules[key]?.test(value));
    if (bad) throw new errors.ValidationError('Invalid pagination: page, pageSize, start and limit must be whole numbers.');
  }

  await next();
};

export default draftGuard;
