// One lint configuration for the whole repository (flat config): TypeScript everywhere, and the
// Next.js and React hooks rules for the site. `npm run lint` runs it with Prettier's check.
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.next/**',
      '**/dist/**',
      '**/.strapi/**',
      '**/.tmp/**',
      '**/build/**',
      'web/src/data/generated/**',
      'web/next-env.d.ts',
      'cms/types/generated/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Strapi's and the GraphQL clients' untyped corners: `any` is allowed where a type would be a lie.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['web/**/*.{ts,tsx,mjs}'],
    plugins: { '@next/next': nextPlugin, 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    settings: { next: { rootDir: 'web/' } },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      ...reactHooks.configs.recommended.rules,
      // Images are served as they were uploaded, from the site's own origin: no image optimizer.
      '@next/next/no-img-element': 'off',
      // Reader pages link with plain <a> on purpose: full page loads that work without JavaScript,
      // no client-side router shipped for them.
      '@next/next/no-html-link-for-pages': 'off',
    },
  },
);
