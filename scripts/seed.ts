import { seed } from './lib/seed';
import { loadStrapi } from './lib/strapi-app';

const SEEDED = { type: 'core' as const, name: 'publication', key: 'seeded' };

const firstRunOnly = process.argv.includes('--first-run');
const strapi = await loadStrapi();
try {
  const store = strapi.store(SEEDED);
  if (firstRunOnly && (await store.get({}))) {
    console.log('Seed: already done on an earlier start.');
  } else {
    const { created, skipped } = await seed(strapi);
    await store.set({ value: { at: new Date().toISOString() } });
    console.log(`Seed: created ${created.length}, already present ${skipped.length}.`);
    for (const line of created) console.log(`  + ${line}`);
  }
} finally {
  await strapi.destroy();
}
process.exit(0);
