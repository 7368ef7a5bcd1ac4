import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT, WEB_DIR } from '../lib/repo-dirs';

/**
 * The framework's own floor: the smallest Next.js App Router page (a layout and a page with one
 * heading, no client component), built with the same `next` as the site. Its JavaScript is what
 * any page of any App Router site ships; the site's budget is this plus 10 KB compressed.
 * Built once per Next.js version into bench-results/.floor/ (git-ignored, inside the repository so
 * that Turbopack's root, the repository, contains it and the site's node_modules), then reused.
 */
export const FLOOR_DIR = path.join(ROOT, 'bench-results', '.floor');

export const FLOOR_FILES: Record<string, string> = {
  'app/layout.tsx': `export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  'app/page.tsx': `export default function Page() {
  return <h1>Hello</h1>;
}
`,
  'next.config.mjs': `export default { poweredByHeader: false, turbopack: { root: ${JSON.stringify(ROOT)} } };\n`,
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        lib: ['dom', 'dom.iterable', 'esnext'],
        strict: true,
        noEmit: true,
        module: 'esnext',
        moduleResolution: 'bundler',
        jsx: 'react-jsx',
        isolatedModules: true,
        skipLibCheck: true,
        plugins: [{ name: 'next' }],
      },
      include: ['**/*.ts', '**/*.tsx'],
    },
    null,
    2,
  ),
  'package.json': JSON.stringify({ name: 'next-floor', private: true }, null, 2),
};

export function nextVersion(): string {
  return (createRequire(path.join(WEB_DIR, 'package.json'))('next/package.json') as { version: string }).version;
}

export function nextBin(): string {
  return createRequire(path.join(WEB_DIR, 'package.json')).resolve('next/dist/bin/next');
}

export type RouteStats = { route: string; uncompressedBytes: number; gzipBytes: number; chunks: number };

/** First-load JS per route from a build's .next/diagnostics/route-bundle-stats.json, with gzip sizes. */
export function routeBundleStats(appDir: string): RouteStats[] {
  const file = path.join(appDir, '.next/diagnostics/route-bundle-stats.json');
  const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    route: string;
    firstLoadUncompressedJsBytes: number;
    firstLoadChunkPaths: string[];
  }[];
  return entries.map((entry) => ({
    route: entry.route,
    uncompressedBytes: entry.firstLoadUncompressedJsBytes,
    gzipBytes: entry.firstLoadChunkPaths.reduce((sum, chunk) => {
      const content = fs.readFileSync(path.join(appDir, chunk));
      return sum + zlib.gzipSync(content).length;
    }, 0),
    chunks: entry.firstLoadChunkPaths.length,
  }));
}

/** Builds the floor app unless it is already built for this Next.js version; returns its folder. */
export function ensureFloorApp(log: (line: string) => void): { dir: string; builtNow: boolean; buildMs?: number } {
  const dir = path.join(FLOOR_DIR, `next-${nextVersion()}`);
  const stamp = path.join(dir, '.next', '.floor-built');
  if (fs.existsSync(stamp)) return { dir, builtNow: false };
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [name, content] of Object.entries(FLOOR_FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  // The site's own node_modules (React 19 and this next), not the root's React 18.
  fs.symlinkSync(path.join(WEB_DIR, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  log(`  building the framework floor app (Next ${nextVersion()}, once)…`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [nextBin(), 'build'], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`floor app build failed:\n${result.stdout}\n${result.stderr}`.slice(-4000));
  fs.writeFileSync(stamp, new Date().toISOString());
  return { dir, builtNow: true, buildMs: Date.now() - started };
}
