import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { engines } from './system-packages';
import { assertPortFree } from './net';
import { spawnService, type Service } from './processes';

/**
 * A private Redis (Debian's `redis-server`) for the site instances' shared Next cache: loopback
 * only, a port of ours, no persistence (it is a cache: a restart empties it and the site refills
 * it), and the keyspace events the cache handler listens to (NOTES.md).
 */
export type Redis = { port: number; url: string; service: Service; stop: () => Promise<void> };

/** Resolves once something accepts TCP connections on 127.0.0.1:port and answers PING. */
async function pinged(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
    socket.once('data', (data) => (socket.destroy(), resolve(data.toString().startsWith('+PONG'))));
    socket.once('error', () => resolve(false));
  });
}

export async function startRedis(options: { dir: string; port: number; maxMemoryMb?: number; echo?: string }): Promise<Redis> {
  const binary = engines.redis.find();
  if (!binary) throw new Error('redis-server not found (Debian package `redis-server`).');
  const dir = path.resolve(options.dir);
  fs.mkdirSync(dir, { recursive: true });
  const args = [
    '--bind',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--protected-mode',
    'yes',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'no',
    '--notify-keyspace-events',
    'Exe',
    '--maxmemory',
    `${options.maxMemoryMb ?? 256}mb`,
    '--maxmemory-policy',
    'allkeys-lru',
  ];
  await assertPortFree(options.port, 'Redis');
  const service = spawnService(binary, args, { cwd: dir, env: process.env, echo: options.echo });
  const deadline = Date.now() + 30_000;
  while (!(await pinged(options.port))) {
    if (!service.alive()) throw new Error(`redis-server did not start:\n${service.output()}`);
    if (Date.now() > deadline) throw new Error(`redis-server did not answer in 30 s:\n${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port: options.port, url: `redis://127.0.0.1:${options.port}`, service, stop: () => service.stop() };
}
