// The site's production server: Next's request handler with what Next cannot express.
// 1. Requests Next would mishandle (odd methods, request targets, forwarded headers) are refused or
//    normalized first (server/request-gate.mjs).
// 2. Security headers whose values are known only at start (the CMS's origin frames previews), on
//    every response (server/security-headers.mjs).
// 3. A page that cannot be rendered gets a small localized page that needs no JavaScript: 503 with
//    Retry-After when the CMS did not answer, 500 otherwise (server/failed-pages.mjs).
// 4. Responses are compressed here (Next's own compression is off), so that those pages are too; a
//    body Next sends whole keeps a Content-Length (server/whole-body-compression.mjs).
import http from 'node:http';
import { parseArgs } from 'node:util';
import compression from 'compression';
import next from 'next';
import { serveWithFailurePages } from './server/failed-pages.mjs';
import defaults from './src/lib/defaults.json' with { type: 'json' };
import { refuseConnect, refuseOrNormalize } from './server/request-gate.mjs';
import { compressWholeBodies } from './server/whole-body-compression.mjs';
import { applySecurityHeaders, cmsPublicOrigin, isEmbedTarget, securityHeaders } from './server/security-headers.mjs';

const { values } = parseArgs({
  options: {
    hostname: { type: 'string', short: 'H', default: '127.0.0.1' },
    port: { type: 'string', short: 'p', default: '3000' },
  },
});
const hostname = values.hostname;
const port = Number(values.port);

const app = next({ dev: false, dir: import.meta.dirname, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const compress = compression();
const origins = { siteUrl: process.env.SITE_URL || defaults.SITE_URL, cmsOrigin: cmsPublicOrigin() };
const headers = securityHeaders(origins);
const embedHeaders = securityHeaders({ ...origins, embed: true });

const server = http.createServer((request, response) => {
  applySecurityHeaders(response, isEmbedTarget(request.url) ? embedHeaders : headers);
  if (refuseOrNormalize(request, response)) return;
  compress(request, response, () => {
    compressWholeBodies(request, response);
    serveWithFailurePages(request, response, () => handle(request, response));
  });
});

server.on('connect', refuseConnect);

// Longer than the keep-alive of clients and proxies in front, so they never reuse a closed socket.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, hostname, () => console.log(`Site ready on http://${hostname}:${port}`));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections?.();
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
