import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { boundDetails, toClientError, truncate } from '../utils/client-errors';

// The router answers 501 to any other method (TRACE, PROPFIND, ...): a request fault, so a 405.
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

type ErrorBody = { data?: unknown; error?: { status?: number; name?: string; message?: unknown; details?: unknown } };

/**
 * Sits inside `strapi::errors`: database errors and unreadable bodies become a short 4xx (never the SQL,
 * never a 500), other methods a 405, and every error answer is bounded: a short message and details
 * without the input.
 */
const clientErrors: Core.MiddlewareFactory =
  (_config, { strapi }) =>
  async (ctx, next) => {
    if (!METHODS.includes(ctx.method)) {
      ctx.set('Allow', METHODS.join(', '));
      ctx.status = 405;
      ctx.body = { data: null, error: { status: 405, name: 'MethodNotAllowedError', message: 'Method not allowed.' } };
      return;
    }
    try {
      await next();
    } catch (error) {
      if (error instanceof errors.ApplicationError || error instanceof errors.HttpError) {
        const known = error as Error & { details?: unknown };
        known.message = truncate(known.message);
        known.details = boundDetails(known.details);
        throw error;
      }
      const answer = toClientError(error);
      if (!answer) throw error;
      if (answer.status >= 500) strapi.log.error(truncate((error as Error).message, 500));
      else
        strapi.log.debug(`${ctx.method} ${truncate(ctx.path, 100)}: ${answer.status} ${truncate((error as Error).message, 300)}`);
      ctx.status = answer.status;
      ctx.body = { data: null, error: answer };
      return;
    }

    const body = ctx.body as ErrorBody | undefined;
    if (
      ctx.status >= 400 &&
      body &&
      typeof body === 'object' &&
      body.error &&
      typeof body.error === 'object' &&
      !Buffer.isBuffer(body)
    ) {
      body.error.message = truncate(body.error.message);
      body.error.details = boundDetails(body.error.details);
    }
  };

export default clientErrors;
