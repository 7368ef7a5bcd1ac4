// The site's production server: Next's request handler, plus one rule Next cannot express. A page
// that fails because the CMS is down, hung or erroring (and was never cached, since cached pages
// keep being served) is answered 503 with Retry-After, not 500: readers and caches are told to come
// back, and the body is the localized error page Next rendered.
import http from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';

const { values } = parseArgs({
  options: { hostname: { type: 'string', short: 'H', default: '127.0.0.1' }, port: { type: 'string', short: 'p', default: '3000' } },
});
const hostname = values.hostname;
const port = Number(values.port);
const RETRY_AFTER_SECONDS = 30;

const app = next({ dev: false, dir: import.meta.dirname, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const isPage = (request) => request.method === 'GET' && !request.url.startsWith('/_next/') && !request.url.startsWith('/api/');

const server = http.createServer((request, response) => {
  const writeHead = response.writeHead;
  response.writeHead = function (status, ...rest) {
    if (status >= 500 && isPage(request)) {
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      response.setHeader('Cache-Control', 'no-store');
      if (typeof rest[0] === 'string') rest[0] = 'Service Unavailable';
      return writeHead.call(this, 503, ...rest);
    }
    return writeHead.call(this, status, ...rest);
  };
  handle(request, response);
});

server.listen(port, hostname, () => console.log(`Site ready on http://${hostname}:${port}`));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
    server.closeIdleConnections?.();
  });
}
