import type { CodegenConfig } from '@graphql-codegen/cli';

// Types come from the schema file Strapi writes and the repository commits, so building needs no
// running CMS and no introspection.
const config: CodegenConfig = {
  schema: 'src/data/schema.graphql',
  documents: ['src/data/documents/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/data/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: false,
        scalars: {
          JSON: 'unknown',
          DateTime: 'string',
          Date: 'string',
          I18NLocaleCode: 'string',
          Long: 'number',
        },
      },
    },
  },
};

export default config;
