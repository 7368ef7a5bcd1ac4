import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Runs a command to completion with this process's output; throws naming it when it fails. */
export function runOrThrow(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${result.status})`);
}
