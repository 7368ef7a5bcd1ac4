import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './repo-dirs';

/**
 * The one process supervisor for `npm start`, the tests and the benchmarks: long-running services
 * in their own process groups, waited for over HTTP, stopped with everything they started.
 */

/** The tsx command line interface, to run a TypeScript script in a child process. */
export const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

export { freePort } from './net';

export type Service = {
  child: ChildProcess;
  pid: number;
  alive: () => boolean;
  /** The tail of what it printed, for error messages. */
  output: () => string;
  /** SIGTERM (or its stopSignal) to its whole group (SIGCONT first, in case a test paused it), SIGKILL after 10 s. */
  stop: () => Promise<void>;
};

type SpawnOptions = {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Copy its output to this process's: as is (true), or each line prefixed with `[name] `. */
  echo?: boolean | string;
  /** The signal that asks it to stop (SIGTERM unless it means something slower, as in PostgreSQL). */
  stopSignal?: NodeJS.Signals;
};

const services = new Set<Service>();

function prefixLines(prefix: string, chunk: Buffer) {
  return chunk
    .toString()
    .split('\n')
    .filter(Boolean)
    .map((line) => `[${prefix}] ${line}\n`)
    .join('');
}

/** Spawns a long-running process in its own process group, so that stopping it stops its children. */
export function spawnService(command: string, args: string[], options: SpawnOptions): Service {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (to: NodeJS.WriteStream) => (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (typeof options.echo === 'string') to.write(prefixLines(options.echo, chunk));
    else if (options.echo || process.env.DEBUG_SERVICES) to.write(chunk);
  };
  child.stdout?.on('data', keep(process.stdout));
  child.stderr?.on('data', keep(process.stderr));

  const alive = () => child.exitCode === null && child.signalCode === null;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      /* already gone */
    }
  };
  const service: Service = {
    child,
    pid: child.pid!,
    alive,
    output: () => output,
    stop: async () => {
      services.delete(service);
      if (!alive()) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      signal('SIGCONT');
      signal(options.stopSignal ?? 'SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      signal('SIGKILL'); // any grandchild left behind in the group
    },
  };
  services.add(service);
  return service;
}

/** Polls url until accept(status) or the deadline; throws with the last status or error. */
export async function waitForUrl(
  url: string,
  accept: (status: number) => boolean,
  timeoutMs: number,
  isAlive: () => boolean = () => true,
) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the process serving ${url} exited`);
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(3000) });
      await response.arrayBuffer();
      if (accept(response.status)) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer in ${Math.round(timeoutMs / 1000)} s (${last})`);
}

/** Stops every service this process started. */
export async function stopAllServices() {
  await Promise.all([...services].map((service) => service.stop()));
}

let hooked = false;
/** Stops every service on exit, and on Ctrl-C or SIGTERM (then runs `onSignal`, or exits 130). */
export function stopServicesOnExit(onSignal?: () => void) {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const service of services) {
      try {
        process.kill(-service.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  });
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.once(name, () => {
      if (onSignal) onSignal();
      else void stopAllServices().finally(() => process.exit(130));
    });
  }
}
