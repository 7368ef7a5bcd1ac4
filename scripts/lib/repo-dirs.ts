import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CMS_DIR = path.join(ROOT, 'cms');
export const WEB_DIR = path.join(ROOT, 'web');
export const LOCALES_DIR = path.join(ROOT, 'locales');
export const SEED_DIR = path.join(CMS_DIR, 'seed');
export const CMS_ENV_FILE = path.join(CMS_DIR, '.env');
export const WEB_ENV_FILE = path.join(WEB_DIR, '.env');
