import type { Core } from '@strapi/strapi';
import { previewUrl } from '../src/site/preview-url';

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const siteUrl = env('SITE_URL', '');
  return {
    serveAdminPanel: env.bool('SERVE_ADMIN_PANEL', true),
    auth: {
      secret: env('ADMIN_JWT_SECRET'),
    },
    apiToken: {
      salt: env('API_TOKEN_SALT'),
    },
    transfer: {
      token: {
        salt: env('TRANSFER_TOKEN_SALT'),
      },
    },
    secrets: {
      encryptionKey: env('ENCRYPTION_KEY'),
    },
    // "Open preview" in the editor shows the draft, in its locale, on the site in draft mode.
    preview: {
      enabled: Boolean(siteUrl && env('PREVIEW_SECRET', '')),
      config: {
        allowedOrigins: siteUrl ? [new URL(siteUrl).origin] : [],
        handler: (uid: string, params: { documentId: string; locale?: string; status?: string }) =>
          previewUrl(strapi, uid, params),
      },
    },
    flags: {
      nps: false,
      promoteEE: false,
    },
  };
};
