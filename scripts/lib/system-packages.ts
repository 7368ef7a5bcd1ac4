import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { postgresBinDir } from './postgres';

/**
 * The Debian engines the tests and benchmarks drive (Chromium, PostgreSQL, nginx, ...). When one is
 * missing, it is installed with apt-get where that is possible without asking anyone (root, apt-get
 * present), saying so; otherwise we stop at once with the exact command to run. Never skipped silently.
 */
export type Engine = {
  /** The Debian package(s) that provide it. */
  packages: string[];
  /** Finds the installed program (a path), or null. */
  find: () => string | null;
  /** What needs it, for the messages. */
  purpose: string;
};

/** The first executable called `name` on PATH, or null. */
export function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return null;
}

export const engines = {
  chromium: {
    packages: ['chromium'],
    purpose: "the end-to-end tests and page benchmarks (Debian's Chromium, driven by playwright-core)",
    find: () => {
      const configured = process.env.CHROMIUM_PATH;
      if (configured) return fs.existsSync(configured) ? configured : null;
      return onPath('chromium') ?? onPath('chromium-browser');
    },
  },
  xmllint: {
    packages: ['libxml2-utils'],
    purpose: 'the XLIFF tests (an XML parser independent of the export, and validation against the XLIFF 1.2 schema)',
    find: () => onPath('xmllint'),
  },
  tesseract: {
    packages: ['tesseract-ocr', 'tesseract-ocr-fas', 'tesseract-ocr-ara'],
    purpose: 'the share-image tests (OCR reads the Persian and Arabic titles back, to prove their word order)',
    find: () => {
      const found = onPath('tesseract');
      if (!found) return null;
      const listed = spawnSync(found, ['--list-langs'], { encoding: 'utf8' });
      const langs = `${listed.stdout}${listed.stderr}`.split(/\s+/);
      return ['fas', 'ara', 'eng'].every((lang) => langs.includes(lang)) ? found : null;
    },
  },
  poppler: {
    packages: ['poppler-utils'],
    purpose: 'the PDF tests (pdftotext reads the text back in reading order, pdffonts lists the embedded fonts)',
    find: () => (onPath('pdffonts') && onPath('pdfinfo') ? onPath('pdftotext') : null),
  },
  postgresql: {
    packages: ['postgresql'],
    purpose: 'the production topology and the integration suite on PostgreSQL (a private cluster on loopback)',
    find: () => postgresBinDir(),
  },
  redis: {
    packages: ['redis-server'],
    purpose: "the production topology (the site instances' shared cache)",
    find: () => onPath('redis-server') ?? sbin('redis-server'),
  },
  nginx: {
    packages: ['nginx'],
    purpose: 'the production topology (the cache in front of the site instances)',
    find: () => onPath('nginx') ?? sbin('nginx'),
  },
} satisfies Record<string, Engine>;

/** Programs in /usr/sbin are not on an ordinary user's PATH. */
function sbin(name: string): string | null {
  for (const dir of ['/usr/sbin', '/usr/bin']) if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  return null;
}

export class MissingEngineError extends Error {
  override name = 'MissingEngineError';
}

const installCommand = (packages: string[]) =>
  `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;

function canInstall(): boolean {
  return process.getuid?.() === 0 && onPath('apt-get') !== null && process.env.NO_APT_INSTALL !== '1';
}

/**
 * The path of each engine, never installing anything (what `npm run start:production` does: it is
 * not a test run, and installing system packages is the machine owner's decision). Throws
 * MissingEngineError naming every missing package and the command to install them all.
 */
export function requireEngines(list: Engine[]): string[] {
  const missing = list.filter((engine) => !engine.find());
  if (missing.length) {
    const packages = missing.flatMap((engine) => engine.packages);
    throw new MissingEngineError(
      `Missing Debian package(s): ${packages.join(', ')} (${missing.map((engine) => engine.purpose).join('; ')}). Install them with:\n  sudo ${installCommand(packages)}`,
    );
  }
  return list.map((engine) => engine.find()!);
}

/**
 * The path of `engine`, installing its Debian package first when it is missing and we may.
 * Throws MissingEngineError, whose message is the command to run, when we may not.
 */
export function ensureEngine(engine: Engine, log: (line: string) => void = (line) => console.log(line)): string {
  const found = engine.find();
  if (found) return found;
  if (process.env.CHROMIUM_PATH && engine === engines.chromium) {
    throw new MissingEngineError(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist (needed for ${engine.purpose}).`);
  }
  if (!canInstall()) {
    throw new MissingEngineError(
      `${engine.packages.join(', ')} is needed for ${engine.purpose} and is not installed. Run:\n  sudo ${installCommand(engine.packages)}`,
    );
  }
  log(`Installing Debian package(s) ${engine.packages.join(' ')} for ${engine.purpose} (${installCommand(engine.packages)})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...engine.packages],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0)
      throw new MissingEngineError(
        `apt-get ${args[0]} failed (exit ${result.status}). Run:\n  ${installCommand(engine.packages)}`,
      );
  }
  const installed = engine.find();
  if (!installed) throw new MissingEngineError(`${engine.packages.join(' ')} was installed but its program is still not found.`);
  log(`  installed: ${installed}`);
  return installed;
}

// `tsx scripts/lib/system-packages.ts --list`: every Debian package the tests drive, for one
// `apt-get install` (what .ci/run does before the tests, instead of one apt run per engine).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename) && process.argv[2] === '--list') {
  console.log(
    Object.values(engines)
      .flatMap((engine: Engine) => engine.packages)
      .join(' '),
  );
}
