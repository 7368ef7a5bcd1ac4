import type { Core } from '@strapi/strapi';
import { createRequire } from 'node:module';
import { loadStrapi } from './strapi-app';

/**
 * Strapi's data transfer engine, as `strapi export` and `strapi import` drive it (same providers,
 * same defaults), run in this process so that the caller chooses the database and the uploads folder
 * through the environment before Strapi loads, and gets errors back instead of an exit.
 */
type DataTransfer = typeof import('@strapi/data-transfer');
// Like Strapi itself: its ESM build imports lodash/fp as a directory, which Node's ESM loader refuses.
const load = () => createRequire(import.meta.url)('@strapi/data-transfer') as DataTransfer;

type Diagnostic = { kind: string; details: { message?: string; severity?: string } };

function collectErrors(transfer: { diagnostics: { onDiagnostic: (listener: (d: Diagnostic) => void) => unknown } }) {
  const errors: string[] = [];
  transfer.diagnostics.onDiagnostic(({ kind, details }) => {
    if (kind === 'error' && details.message) errors.push(details.message);
  });
  return errors;
}

/** The CLI's filters without options: leave out what Strapi never transfers (admin::*, releases). */
const transforms = (local: DataTransfer['strapi']) => {
  const kept = (type: string) => !local.isIgnoredOfficialTransferType(type);
  return {
    entities: [{ filter: (entity: { type: string }) => kept(entity.type) }],
    links: [
      { filter: (link: { left: { type: string }; right: { type: string } }) => kept(link.left.type) && kept(link.right.type) },
    ],
  };
};

const failure = (what: string, error: unknown, errors: string[]) =>
  new Error(`${what} failed: ${[...new Set([...errors, (error as Error).message])].join('\n')}`);

/**
 * Exports everything `strapi export` exports (entities of every content type in every locale,
 * drafts and published versions, links, uploaded files, configuration; admin users, their roles and
 * API tokens are left out by Strapi), unencrypted and gzipped, to `base`.tar.gz.
 */
export async function exportStrapi(base: string): Promise<{ file: string; strapiVersion: string }> {
  const { engine, file, strapi: local } = load();
  const app = await loadStrapi();
  try {
    const source = local.providers.createLocalStrapiSourceProvider({ getStrapi: async () => app, autoDestroy: false });
    const destination = file.providers.createLocalFileDestinationProvider({
      file: { path: base },
      encryption: { enabled: false },
      compression: { enabled: true },
    });
    const transfer = engine.createTransferEngine(source, destination, {
      versionStrategy: 'ignore',
      schemaStrategy: 'ignore',
      transforms: transforms(local),
    });
    const errors = collectErrors(transfer);
    try {
      const results = await transfer.transfer();
      return { file: results.destination?.file?.path ?? `${base}.tar.gz`, strapiVersion: app.config.get('info.strapi') };
    } catch (error) {
      throw failure('The export', error, errors);
    }
  } finally {
    await app.destroy();
  }
}

/**
 * Imports an unencrypted export into the database and uploads folder this process's environment
 * names, replacing what is there, as `strapi import --force` does. Meant for a fresh database.
 */
export async function importStrapi(archive: string): Promise<void> {
  const { engine, file, strapi: local } = load();
  const app: Core.Strapi = await loadStrapi();
  try {
    const source = file.providers.createLocalFileSourceProvider({
      file: { path: archive },
      compression: { enabled: true },
      encryption: { enabled: false },
    });
    const destination = local.providers.createLocalStrapiDestinationProvider({
      getStrapi: async () => app,
      autoDestroy: false,
      strategy: 'restore',
      restore: {
        entities: {
          exclude: [
            ...Object.keys(app.contentTypes).filter((uid) => local.isIgnoredOfficialTransferType(uid)),
            ...local.getIgnoredOfficialTransferTypes(),
          ],
        },
        assets: true,
        configuration: { webhook: true, coreStore: true },
      },
    });
    const transfer = engine.createTransferEngine(source, destination, {
      versionStrategy: engine.DEFAULT_VERSION_STRATEGY,
      schemaStrategy: engine.DEFAULT_SCHEMA_STRATEGY,
      transforms: transforms(local),
    });
    const errors = collectErrors(transfer);
    try {
      await transfer.transfer();
    } catch (error) {
      throw failure('The import', error, errors);
    }
  } finally {
    await app.destroy();
  }
}
