import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../lib/paths';

/** The tsx command line interface, to run a TypeScript script in a child process. */
export const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

export { freePort } from '../../lib/net';

export type Service = {
  child: ChildProcess;
  pid: number;
  alive: () => boolean;
  output: () => string;
  stop: () => Promise<void>;
};

const services = new Set<Service>();

/**
 * Spawns a long-running process in its own process group (so that stopping it stops its children),
 * keeping the tail of its output for error messages. Every service still running is stopped when
 * this process exits or is interrupted.
 */
export function spawnService(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; echo?: boolean }): Service {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (options.echo || process.env.BENCH_DEBUG) process.stderr.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
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
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      signal('SIGKILL'); // any grandchild left behind in the group
    },
  };
  services.add(service);
  return service;
}

/** Stops every service this process started (also on exit and Ctrl-C). */
export async function stopAllServices() {
  await Promise.all([...services].map((service) => service.stop()));
}

let hooked = false;
export function stopServicesOnExit() {
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
      void stopAllServices().finally(() => process.exit(130));
    });
  }
}

/** Resident memory (bytes) of a process and all its descendants, from /proc (Linux). */
export function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  let rssOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const rss = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
      rssOf.set(Number(entry), rss);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* the process ended meanwhile */
    }
  }
  let total = 0;
  const queue = [pid];
  while (queue.length) {
    const current = queue.pop()!;
    total += rssOf.get(current) ?? 0;
    queue.push(...(children.get(current) ?? []));
  }
  rssOf = new Map();
  return total;
}

/** The process listening on a local TCP port, from /proc/net/tcp{,6} and /proc/<pid>/fd (Linux). */
export function pidListeningOn(port: number): number | undefined {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const localPort = parseInt(fields[1]!.split(':')[1]!, 16);
      if (localPort === port && fields[3] === '0A') inodes.add(fields[9]!);
    }
  }
  if (!inodes.size) return undefined;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (match && inodes.has(match[1]!)) return Number(entry);
      } catch {
        /* closed meanwhile */
      }
    }
  }
  return undefined;
}
