import path from 'node:path';
import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { env } from './src/lib/env';

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

const cmsUrl = env().CMS_URL;
const buildRoot = process.env.NEXT_BUILD_ROOT || path.join(__dirname, '..');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // server.mjs compresses every response, its own 503 page included.
  compress: false,
  reactStrictMode: true,
  // Images are served as uploaded, from /uploads: no optimizer route (/_next/image answers 404).
  images: { unoptimized: true },
  // Typst's compiler is a native module (share/pdf.ts): loaded by Node at run time, not bundled.
  serverExternalPackages: ['@myriaddreamin/typst-ts-node-compiler'],
  // The workspace root, where npm hoists most dependencies (a copy of the site built elsewhere, as
  // the scale benchmark does, names the real one).
  turbopack: { root: buildRoot },
  // Next's cache in memory and .next, or in Redis shared by several instances when REDIS_URL is set
  // at start (cache-handler.mjs).
  cacheHandler: path.join(__dirname, 'cache-handler.mjs'),
  outputFileTracingRoot: buildRoot,
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
          // A reader's page is nobody else's business: no Referer to the sites it links.
          { key: 'Referrer-Policy', value: 'no-referrer' },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
