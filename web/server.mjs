// The site's production server: Next's request handler with what Next cannot express.
// 1. A page that cannot be rendered (the CMS is down, hung or erroring, and the page was never
//    cached: cached pages keep being served) is answered 503 with Retry-After and a small localized
//    page that needs no JavaScript, instead of Next's 500 and its script-only error shell.
// 2. Responses are compressed here (Next's own compression is off), so that the 503 page is too.
// 3. Security headers whose values are known only at start (the CMS's origin frames previews), on
//    every response; requests Next would mishandle (odd methods, request targets, forwarded headers)
//    are refused or normalized first (server/request-gate.mjs).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import compression from 'compression';
import next from 'next';
import { refuseConnect, refuseOrNormalize } from './server/request-gate.mjs';
import { applySecurityHeaders, cmsPublicOrigin, securityHeaders } from './server/security-headers.mjs';

const { values } = parseArgs({
  options: { hostname: { type: 'string', short: 'H', default: '127.0.0.1' }, port: { type: 'string', short: 'p', default: '3000' } },
});
const hostname = values.hostname;
const port = Number(values.port);
const RETRY_AFTER_SECONDS = 30;

const read = (file) => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, file), 'utf8'));
const { locales, defaultLocale } = read('../locales/locales.json');
const messages = read('src/i18n/generated/error-messages.json');
const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The localized "temporarily unavailable" page: plain HTML and inline CSS, nothing else to load. */
function unavailablePage(url) {
  const first = decodeURI(url.split(/[/?#]/)[1] ?? '');
  const locale = locales.find((l) => l.code === first) ?? locales.find((l) => l.code === defaultLocale);
  const t = messages[locale.code] ?? messages[defaultLocale];
  return `<!doctype html><html lang="${locale.code}" dir="${locale.dir}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${escape(t.title)}</title><style>body{font-family:system-ui,sans-serif;max-inline-size:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#1d1d1b}a{color:#7a1f1f}</style></head>
<body><main><h1>${escape(t.title)}</h1><p>${escape(t.body)}</p><p><a href="${escape(url)}">${escape(t.retry)}</a> · <a href="/${locale.code}">${escape(t.home)}</a></p></main></body></html>`;
}

const isPage = (request) => request.method === 'GET' && !request.url.startsWith('/_next/') && !request.url.startsWith('/api/');

/**
 * Replaces a failed page's 5xx answer, and whatever is written after it, with the 503 page. Installed
 * beneath compression, so what it drops is already compressed and what it sends is plain.
 */
function answerFailuresWith503(request, response) {
  const { writeHead, write, end } = response;
  let replaced = false;
  response.writeHead = function (status, ...rest) {
    if (replaced) return this;
    if (status < 500 || !isPage(request)) return writeHead.call(this, status, ...rest);
    replaced = true;
    for (const name of response.getHeaderNames()) response.removeHeader(name);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    response.setHeader('Cache-Control', 'no-store');
    writeHead.call(this, 503);
    end.call(this, unavailablePage(request.url));
    return this;
  };
  response.write = function (...args) {
    return replaced ? true : write.apply(this, args);
  };
  response.end = function (...args) {
    if (!replaced) return end.apply(this, args);
    const callback = args.find((arg) => typeof arg === 'function');
    if (callback) process.nextTick(callback);
    return this;
  };
}

const app = next({ dev: false, dir: import.meta.dirname, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const compress = compression();
const headers = securityHeaders({ siteUrl: process.env.SITE_URL || 'http://localhost:3000', cmsOrigin: cmsPublicOrigin() });

const server = http.createServer((request, response) => {
  applySecurityHeaders(response, headers);
  if (refuseOrNormalize(request, response)) return;
  answerFailuresWith503(request, response);
  compress(request, response, () => handle(request, response));
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
