/**
 * What a reader gets when a page cannot be rendered, instead of Next's 500 and its script-only error
 * shell: a small localized page that needs no JavaScript.
 * - 503 with Retry-After when the page failed because the CMS did not answer (it was down, hung or
 *   erroring, and the page was never cached: cached pages keep being served). The site's data layer
 *   says so through the request state below (web/src/data/client.ts, noteCmsFailure).
 * - 500 for any other error (a bug): logged with the request, so it can be found.
 * Only pages are replaced: files, images under /uploads, Next's assets and API answers pass as they are.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';

const RETRY_AFTER_SECONDS = 30;
const root = path.join(import.meta.dirname, '..');
const read = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const { locales, defaultLocale } = read('../locales/locales.json');
const messages = read('src/i18n/generated/error-messages.json');
const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/**
 * Per request: when it began (the cache handler does not store what a render made from the CMS's
 * answers if a revalidation came after that, see cache-handler.mjs) and, for a page, whether the CMS
 * failed it (the data layer says so). Shared with both through the process.
 */
const requests = new AsyncLocalStorage();
globalThis[Symbol.for('publication.requestState')] = requests;

/** A page: GET or HEAD of a path without a file extension, outside Next's assets, the API and media. */
function isPage(request) {
  const pathname = (request.url ?? '').split('?')[0];
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    !/^\/(_next|api|uploads)\//.test(pathname) &&
    !/\.[^/]*$/.test(pathname)
  );
}

function failurePage(url) {
  const first = decodeURIComponent(url.split(/[/?#]/)[1] ?? '');
  const locale = locales.find((l) => l.code === first) ?? locales.find((l) => l.code === defaultLocale);
  const t = messages[locale.code] ?? messages[defaultLocale];
  const home = `/${locale.code}`;
  return `<!doctype html><html lang="${locale.code}" dir="${locale.dir}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${escape(t.title)}</title><style>body{font-family:system-ui,sans-serif;max-inline-size:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#1d1d1b}a{color:#7a1f1f}</style></head>
<body><main><h1>${escape(t.title)}</h1><p>${escape(t.body)}</p><p><a href="${escape(url)}">${escape(t.retry)}</a> · <a href="${home}">${escape(t.home)}</a></p></main></body></html>`;
}

/**
 * Runs `handle` for one request. When Next answers a page with a 5xx status, the answer is replaced
 * before anything of it is sent: Next's head and body are dropped (the security headers are set
 * again as the head is written, see security-headers.mjs), and the failure page is sent through
 * the same response methods (so compression applies to it as to any page).
 */
export function serveWithFailurePages(request, response, handle) {
  const state = { startedAt: Date.now(), cmsFailed: false };
  if (!isPage(request)) return requests.run(state, handle);
  const { writeHead, write, end } = response;
  let replaced = false;
  let sent = false;

  const failing = (status) => !replaced && !response.headersSent && status >= 500;
  const replace = () => {
    replaced = true;
    const status = state.cmsFailed ? 503 : 500;
    if (status === 500)
      console.error(`[site] 500 ${request.method} ${request.url}: the page failed to render (its error is logged above)`);
    for (const name of response.getHeaderNames()) response.removeHeader(name);
    response.statusCode = status;
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    if (status === 503) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  };

  response.writeHead = function (status, ...rest) {
    if (failing(status)) {
      replace(); // Next's head is not sent: ours is, when the failure page is.
      return this;
    }
    return writeHead.call(this, replaced ? response.statusCode : status, ...(replaced ? [] : rest));
  };
  response.write = function (...args) {
    if (failing(response.statusCode)) replace();
    return replaced ? true : write.apply(this, args);
  };
  response.end = function (...args) {
    if (failing(response.statusCode)) replace();
    if (!replaced) return end.apply(this, args);
    const callback = args.find((arg) => typeof arg === 'function');
    if (sent) {
      if (callback) process.nextTick(callback);
      return this;
    }
    sent = true;
    return end.call(this, request.method === 'HEAD' ? undefined : failurePage(request.url), callback);
  };
  return requests.run(state, handle);
}
