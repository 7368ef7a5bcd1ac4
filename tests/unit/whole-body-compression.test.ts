import compression from 'compression';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript, run by Node without a build step (web/server.mjs imports it)
import { compressWholeBodies } from '../../web/server/whole-body-compression.mjs';

// The site server's chain (web/server.mjs): `compression`, then whole bodies compressed in one piece.
const page = Buffer.from(`<!doctype html><html lang="fa" dir="rtl"><body>${'بیانیه ۱۳۶۷ '.repeat(400)}</body></html>`);
const compress = compression();
let server: http.Server;
let origin: string;

function respond(request: http.IncomingMessage, response: http.ServerResponse) {
  const url = new URL(request.url!, 'http://x');
  response.setHeader('Content-Type', url.pathname === '/png' ? 'image/png' : 'text/html; charset=utf-8');
  if (url.pathname === '/no-transform') response.setHeader('Cache-Control', 'no-transform');
  if (url.pathname === '/small') return response.end('<p>short</p>');
  if (url.pathname === '/streamed') {
    response.write(page.subarray(0, 1000));
    return setTimeout(() => response.end(page.subarray(1000)), 5);
  }
  if (url.pathname === '/not-modified') {
    response.statusCode = 304;
    return response.end();
  }
  response.setHeader('Content-Length', page.length);
  response.end(url.pathname === '/string' ? page.toString('utf8') : page);
}

beforeAll(async () => {
  server = http.createServer((request, response) =>
    compress(request as never, response as never, () => {
      compressWholeBodies(request, response);
      respond(request, response);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A raw request (fetch would decompress and hide the framing). */
function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const request = http.request(`${origin}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('a page whose whole body is known (what a cache in front stores)', () => {
  for (const [encoding, decode] of [
    ['gzip', zlib.gunzipSync],
    ['br', zlib.brotliDecompressSync],
  ] as const) {
    it(`is sent ${encoding}-compressed with a Content-Length, not chunked, and decompresses to the page`, async () => {
      for (const path of ['/page', '/string']) {
        const answer = await get(path, { 'accept-encoding': encoding });
        expect(answer.headers['content-encoding']).toBe(encoding);
        expect(answer.headers['transfer-encoding']).toBeUndefined();
        expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
        expect(answer.body.length).toBeLessThan(page.length / 3);
        expect(decode(answer.body).equals(page)).toBe(true);
        expect(answer.headers.vary).toMatch(/Accept-Encoding/i);
      }
    });
  }

  it('prefers what `compression` prefers: brotli for a browser that accepts both', async () => {
    const answer = await get('/page', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(answer.headers['content-encoding']).toBe('br');
  });

  it('is sent as it is to a client that accepts no compression, and to HEAD without a body', async () => {
    for (const headers of [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'gzip;q=0' }] as Record<
      string,
      string
    >[]) {
      const answer = await get('/page', headers);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.body.equals(page)).toBe(true);
    }
    const head = await get('/page', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });
});

describe('everything else stays with `compression`', () => {
  it('a streamed body is compressed as a stream, whole', async () => {
    const answer = await get('/streamed', { 'accept-encoding': 'gzip' });
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers['transfer-encoding']).toBe('chunked');
    expect(zlib.gunzipSync(answer.body).equals(page)).toBe(true);
  });

  it('small, incompressible, no-transform and 304 answers are not compressed', async () => {
    for (const path of ['/small', '/png', '/no-transform', '/not-modified']) {
      const answer = await get(path, { 'accept-encoding': 'gzip, br' });
      expect(answer.headers['content-encoding'], path).toBeUndefined();
    }
  });
});
