import { defineConfig } from 'vitest/config';

// Unit tests are pure and fast; integration tests start a real Strapi, on SQLite and again on
// PostgreSQL; end-to-end tests also build and start the site and drive Debian's Chromium. `npm test`
// runs all four projects. The security suite (tests/security/) attacks the CMS (cms-*) with the
// integration tests and the site (site-*) with the end-to-end tests.
const integration = {
  include: ['tests/integration/**/*.test.ts', 'tests/security/cms-*.test.ts'],
  environment: 'node',
  testTimeout: 60_000,
  hookTimeout: 180_000,
  fileParallelism: false,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: { ...integration, name: 'integration', globalSetup: ['tests/helpers/setup-cms.ts'] },
      },
      {
        // The same files, every CMS on a fresh database of one private PostgreSQL cluster.
        test: {
          ...integration,
          name: 'integration-postgres',
          globalSetup: ['tests/helpers/setup-postgres.ts', 'tests/helpers/setup-cms.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts', 'tests/security/site-*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/setup-site.ts'],
          testTimeout: 90_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
