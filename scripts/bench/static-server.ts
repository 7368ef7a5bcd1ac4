/**
 * The reference for the throughput benchmark: a plain static file server (sirv on node:http, one
 * process, like `next start`) serving HTML saved from the site.
 * Usage: tsx scripts/bench/static-server.ts <dir> <port>
 */
import http from 'node:http';
import sirv from 'sirv';

const [dir, port] = process.argv.slice(2);
if (!dir || !port) {
  console.error('usage: static-server.ts <dir> <port>');
  process.exit(2);
}
const serve = sirv(dir, { dev: false, etag: true, extensions: ['html'] });
const server = http.createServer((request, response) =>
  serve(request, response, () => {
    response.statusCode = 404;
    response.end('Not found');
  }),
);
server.keepAliveTimeout = 65_000;
server.listen(Number(port), '127.0.0.1', () => console.log(`static server on http://127.0.0.1:${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
