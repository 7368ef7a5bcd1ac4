import { chromium, type Browser } from 'playwright-core';
import { engines, ensureEngine } from './system-packages';

/**
 * Flags for a headless Chromium on a machine without a network: without the background-networking
 * ones it keeps trying (and failing) to reach Google's hosts.
 */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium to drive: CHROMIUM_PATH, else the system's (installed from Debian when missing and possible). */
export const chromiumPath = () => ensureEngine(engines.chromium);

/** Debian's Chromium, headless, through playwright-core (browser downloads do not work here). */
export function launchChromium(executablePath = chromiumPath()): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: FLAGS });
}
