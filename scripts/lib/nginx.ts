import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './repo-dirs';
import { engines } from './system-packages';
import { assertPortFree } from './net';
import { spawnService, type Service } from './processes';

/** The production configuration in the repository (scripts/production/nginx.conf). */
export const NGINX_TEMPLATE = path.join(ROOT, 'scripts/production/nginx.conf');

export type NginxValues = { prefix: string; listen: string; upstreams: string[]; refreshToken: string };

/** The worker user when nginx starts as root (it would otherwise pick `nobody`, which is fine too). */
const workerUser = () => (process.getuid?.() === 0 ? 'user www-data;' : '');

/** The template with its {{...}} values filled in; throws if one is left. */
export function renderNginxConfig(values: NginxValues, template = fs.readFileSync(NGINX_TEMPLATE, 'utf8')): string {
  // An empty token would make every request without the header a refresh: never render one.
  if (!/^[A-Za-z0-9_-]{24,}$/.test(values.refreshToken))
    throw new Error('the cache refresh token must be 24 or more URL-safe characters');
  const fill = (line: string) =>
    line
      .replaceAll('{{PREFIX}}', values.prefix)
      .replaceAll('{{LISTEN}}', values.listen)
      .replaceAll('{{USER}}', workerUser())
      .replaceAll('{{REFRESH_TOKEN}}', values.refreshToken)
      .replaceAll('{{UPSTREAMS}}', values.upstreams.map((address) => `server ${address} max_fails=1 fail_timeout=2s;`).join(' '));
  // The header's comments name the values; only the directives are filled in.
  const filled = template
    .split('\n')
    .map((line) => (line.trimStart().startsWith('#') ? line : fill(line)))
    .join('\n');
  const left = /^[^#]*(\{\{[A-Z_]+\}\})/m.exec(filled);
  if (left) throw new Error(`nginx template value ${left[1]} not filled in`);
  return filled;
}

export type Nginx = { service: Service; stop: () => Promise<void>; configFile: string };

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Runs nginx in the foreground on `config` (a complete nginx.conf), its writable folders under
 * `prefix`, until stopped. Checks the configuration first (`nginx -t`) so a mistake is reported as
 * nginx words it.
 */
export async function startNginx(options: { prefix: string; config: string; port: number; echo?: string }): Promise<Nginx> {
  const binary = engines.nginx.find();
  if (!binary) throw new Error('nginx not found (Debian package `nginx`).');
  const prefix = path.resolve(options.prefix);
  for (const dir of ['tmp', 'cache']) fs.mkdirSync(path.join(prefix, dir), { recursive: true });
  const configFile = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(configFile, options.config);
  const args = ['-e', 'stderr', '-p', prefix, '-c', configFile];

  const check = spawnService(binary, [...args, '-t', '-q'], { cwd: prefix, env: process.env });
  const status = await new Promise<number | null>((resolve) => check.child.once('exit', (code) => resolve(code)));
  if (status !== 0) throw new Error(`nginx refused its configuration ${configFile}:\n${check.output()}`);

  await assertPortFree(options.port, 'nginx');
  const service = spawnService(binary, [...args, '-g', 'daemon off;'], { cwd: prefix, env: process.env, echo: options.echo });
  const deadline = Date.now() + 15_000;
  while (!(await listening(options.port))) {
    if (!service.alive()) throw new Error(`nginx did not start:\n${service.output()}`);
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${options.port} in 15 s:\n${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { service, configFile, stop: () => service.stop() };
}
