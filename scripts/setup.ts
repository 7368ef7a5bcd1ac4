import { ensureSecrets } from './lib/secrets';

const { created } = ensureSecrets();
console.log(
  created.length ? `Generated ${created.length} secrets into cms/.env and web/.env (mode 600).` : 'Secrets already present.',
);
