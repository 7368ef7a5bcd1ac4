import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureEngine, MissingEngineError, onPath, requireEngines, type Engine } from '../../scripts/lib/system-packages';

const saved = { PATH: process.env.PATH, NO_APT_INSTALL: process.env.NO_APT_INSTALL };
afterEach(() => {
  process.env.PATH = saved.PATH;
  if (saved.NO_APT_INSTALL === undefined) delete process.env.NO_APT_INSTALL;
  else process.env.NO_APT_INSTALL = saved.NO_APT_INSTALL;
});

const missing: Engine = { packages: ['no-such-engine'], purpose: 'a test', find: () => null };

describe('engines the tests need', () => {
  it('finds an executable on PATH, and only an executable', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'path-'));
    fs.writeFileSync(path.join(dir, 'tool'), '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'data'), '', { mode: 0o644 });
    process.env.PATH = dir;
    expect(onPath('tool')).toBe(path.join(dir, 'tool'));
    expect(onPath('data')).toBeNull();
    expect(onPath('absent')).toBeNull();
  });

  it('returns an engine that is present without installing anything', () => {
    const logs: string[] = [];
    expect(ensureEngine({ ...missing, find: () => '/usr/bin/true' }, (line) => logs.push(line))).toBe('/usr/bin/true');
    expect(logs).toEqual([]);
  });

  it('stops at once with the exact command when it may not install', () => {
    process.env.NO_APT_INSTALL = '1';
    expect(() => ensureEngine(missing)).toThrow(MissingEngineError);
    expect(() => ensureEngine(missing)).toThrow(/apt-get update && apt-get install -y --no-install-recommends no-such-engine/);
  });

  it('for start:production, never installs: names every missing package in one command, even as root', () => {
    delete process.env.NO_APT_INSTALL;
    const other: Engine = { packages: ['other-engine'], purpose: 'another test', find: () => null };
    const present: Engine = { ...missing, find: () => '/usr/bin/true' };
    expect(requireEngines([present])).toEqual(['/usr/bin/true']);
    expect(() => requireEngines([missing, present, other])).toThrow(MissingEngineError);
    expect(() => requireEngines([missing, present, other])).toThrow(
      /sudo apt-get update && apt-get install -y --no-install-recommends no-such-engine other-engine/,
    );
  });
});
