/**
 * What reaches Next: origin-form requests with the methods the site answers, as if no proxy stood in
 * front. Everything the site writes that needs an absolute URL takes it from SITE_URL, so the
 * forwarded headers of a TLS proxy are of no use to it; left in, they make Next treat its own
 * rewrites as requests to another origin.
 */

const FORWARDED_HEADERS = ['forwarded', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'x-forwarded-prefix'];
const PAGE_METHODS = ['GET', 'HEAD'];
/** Route handlers answer these themselves (405 for one they do not export). */
const API_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS'];

function refuse(response, status, message, extra = {}) {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(message),
    ...extra,
  });
  response.end(message);
}

/** Answers a request the site does not serve (and returns true), or prepares it for Next. */
export function refuseOrNormalize(request, response) {
  const url = request.url ?? '';
  // Absolute-form (`GET http://other.example/ HTTP/1.1`) is for proxies; `*` (OPTIONS *) names no page.
  if (!url.startsWith('/')) {
    refuse(response, 400, 'Bad Request', { Connection: 'close' });
    return true;
  }
  const methods = url.startsWith('/api/') ? API_METHODS : PAGE_METHODS;
  if (!methods.includes(request.method)) {
    refuse(response, 405, 'Method Not Allowed', { Allow: methods.join(', ') });
    return true;
  }
  for (const name of FORWARDED_HEADERS) delete request.headers[name];
  return false;
}

/** CONNECT asks the server to be a tunnel: it is not one. */
export function refuseConnect(request, socket) {
  socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
}
