import http from 'node:http';
import net from 'node:net';

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; bytes: number };

/** Largest body any bad request may get (the localized 404 page is about 21 KB). */
export const MAX_BODY_BYTES = 64 * 1024;
/** What a leaked stack trace or internal error looks like. */
export const STACK_TRACE = /\bat [\w.<>$]+ \(|node_modules|webpack-internal|\.next\/server|TypeError|ReferenceError|ERR_[A-Z_]+/;

/**
 * One request exactly as given (any method, any request target, any Host), which fetch cannot send.
 * The body is read up to a limit; its size is counted in full.
 */
export function request(
  baseUrl: string,
  target: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: hostname,
        port,
        method: options.method ?? 'GET',
        path: target,
        headers: { connection: 'close', ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes <= MAX_BODY_BYTES * 4) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), bytes }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`${options.method ?? 'GET'} ${target}: timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** Writes a request by hand on a raw socket (an absolute-form or `*` request line) and returns the status line and headers. */
export function rawRequest(baseUrl: string, lines: string[]): Promise<{ status: number; head: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let data = '';
    socket.setTimeout(30_000, () => socket.destroy(new Error(`${lines[0]}: timed out`)));
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const head = data.split('\r\n\r\n')[0] ?? '';
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head });
    });
    socket.write(`${lines.join('\r\n')}\r\nConnection: close\r\n\r\n`);
  });
}
