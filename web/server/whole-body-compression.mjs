// Next knows the whole body of most pages before it sends them: a page from its cache, and a page it
// rendered for its cache, both go out in one `end(body)` with a Content-Length. `compression`
// streams every body it compresses, so those pages would leave chunked, without a length; a cache in
// front (nginx) stores them that way and re-chunks every copy it serves, which cost it a sixth of its
// throughput. Such a body is compressed here in one piece and keeps a Content-Length. Everything
// else (streamed renders, HEAD, small or incompressible bodies, deflate) is left to `compression`,
// whose rules this follows so that a reader gets the same encoding either way.
import zlib from 'node:zlib';
import compression from 'compression';
import Negotiator from 'negotiator';

// As `compression` 1.8 negotiates and tunes them.
const SUPPORTED = ['br', 'gzip', 'deflate', 'identity'];
const PREFERRED = ['br', 'gzip'];
const THRESHOLD = 1024;
const encoders = {
  br: (body) => zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }),
  gzip: (body) => zlib.gzipSync(body),
};

/** The encoding to compress this whole body with here, or null to leave the response to `compression`. */
function encodingFor(request, response, body) {
  if (request.method === 'HEAD' || response.headersSent) return null;
  if (response.statusCode === 204 || response.statusCode === 304) return null;
  if (Number(response.getHeader('Content-Length')) !== body.length || body.length < THRESHOLD) return null;
  if ((response.getHeader('Content-Encoding') ?? 'identity') !== 'identity') return null;
  if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(String(response.getHeader('Cache-Control') ?? ''))) return null;
  if (!compression.filter(request, response)) return null;
  const method = new Negotiator(request).encoding(SUPPORTED, { preferred: PREFERRED });
  return method in encoders ? method : null;
}

/** Call inside `compression`'s handler: the response's `end(body)` compresses a known-length body itself. */
export function compressWholeBodies(request, response) {
  const { write, end } = response;
  let written = false;
  response.write = function (...args) {
    written = true;
    return write.apply(this, args);
  };
  response.end = function (chunk, encoding, callback) {
    if (written || chunk == null || typeof chunk === 'function') return end.call(this, chunk, encoding, callback);
    const body = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : chunk;
    const method = Buffer.isBuffer(body) || body instanceof Uint8Array ? encodingFor(request, response, body) : null;
    if (!method) return end.call(this, chunk, encoding, callback);
    const compressed = encoders[method](body);
    const vary = String(response.getHeader('Vary') ?? '');
    if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary))
      response.setHeader('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    response.setHeader('Content-Encoding', method);
    response.setHeader('Content-Length', compressed.length);
    return end.call(this, compressed, typeof encoding === 'function' ? encoding : callback);
  };
}
