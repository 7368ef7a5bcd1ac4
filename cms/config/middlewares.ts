import type { Core } from '@strapi/strapi';
import { configuredOrigins, isPublicPath } from '../src/utils/origins';

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const adminOrigins = configuredOrigins(env('PUBLIC_URL', ''));
  return [
    'strapi::logger',
    'strapi::errors',
    'global::client-errors',
    'strapi::security',
    {
      // The public read API: any origin, never with credentials. The admin APIs: no other origin
      // (the admin panel is served by the CMS itself), except the configured public URL's.
      name: 'strapi::cors',
      config: {
        origin: (ctx: { path: string }) => (isPublicPath(ctx.path) ? '*' : adminOrigins),
        // Strapi hands this to @koa/cors as is, which accepts a function of the request.
        credentials: (ctx: { path: string }) => !isPublicPath(ctx.path),
        methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        headers: ['Content-Type', 'Authorization', 'Accept', 'Apollo-Require-Preflight'],
      },
    },
    'global::admin-origin',
    'strapi::query',
    'strapi::body',
    {
      name: 'global::auth-guard',
      config: { max: env.int('AUTH_RATE_LIMIT', 20), windowSeconds: env.int('AUTH_RATE_WINDOW', 900) },
    },
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
  ];
};
