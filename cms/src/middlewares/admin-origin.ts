import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { configuredOrigins, isPublicPath } from '../utils/origins';

/**
 * The admin APIs answer no request that another origin's page made: a browser sends `Origin` with
 * every cross-origin request (and same-origin POSTs), so a foreign one, `null` included, is refused
 * before the refresh cookie or an admin token can be used. Clients without a browser send no Origin.
 */
const adminOrigin: Core.MiddlewareFactory = (_config, { strapi }) => {
  const allowed = configuredOrigins(strapi.config.get('server.url'), strapi.config.get('admin.url'));
  return async (ctx, next) => {
    const origin = ctx.get('Origin');
    if (origin && !isPublicPath(ctx.path) && origin !== ctx.origin && !allowed.includes(origin)) {
      throw new errors.ForbiddenError('Cross-origin requests to the admin API are not allowed.');
    }
    await next();
  };
};

export default adminOrigin;
