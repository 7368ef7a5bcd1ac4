import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../lib/repo-dirs';
import { TSX } from '../lib/processes';
import type { BenchOptions } from './options';
import type { Section } from './lib/report';

/**
 * Runs `npm run bench:publish` in a child process (it loads Strapi, on the database `target.env`
 * names) against `target.siteUrl`, and reads back its section.
 */
export async function runPublishScript(
  options: BenchOptions,
  log: (line: string) => void,
  target: { siteUrl: string; env?: Record<string, string> },
): Promise<Section> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-publish-')), 'section.json');
  const args = [
    TSX,
    path.join(ROOT, 'scripts/bench/publish.ts'),
    '--site',
    target.siteUrl,
    '--edits',
    String(options.publishEdits),
    '--deadline-ms',
    String(options.publishDeadlineMs),
    '--json',
    file,
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...target.env },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let tail = '';
    child.stderr.on('data', (chunk: Buffer) => {
      tail = (tail + chunk).slice(-4000);
      for (const line of chunk.toString().split('\n').filter(Boolean)) log(line.startsWith('  ') ? line : `  ${line}`);
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`bench:publish exited ${code}: ${tail.split('\n').slice(-5).join(' ')}`)),
    );
  });
  const section = JSON.parse(fs.readFileSync(file, 'utf8')) as Section;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return section;
}
