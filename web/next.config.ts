import path from 'node:path';
import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

const cmsUrl = (process.env.CMS_URL ?? 'http://127.0.0.1:1337').replace(/\/+$/, '');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // server.mjs compresses every response, its own 503 page included.
  compress: false,
  reactStrictMode: true,
  // Images are served as uploaded, from /uploads: no optimizer route (/_next/image answers 404).
  images: { unoptimized: true },
  // The workspace root, where npm hoists most dependencies.
  turbopack: { root: path.join(__dirname, '..') },
  outputFileTracingRoot: path.join(__dirname, '..'),
  experimental: {
    // One small stylesheet: inlining it saves a render-blocking round trip on slow links.
    inlineCss: true,
    // app/global-not-found.tsx: the server-rendered, localized 404 of unmatched paths.
    globalNotFound: true,
  },
  async rewrites() {
    // Media uploaded to the CMS is served from the site's own origin (no third-party request).
    return [{ source: '/uploads/:path*', destination: `${cmsUrl}/uploads/:path*` }];
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
