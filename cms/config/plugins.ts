import type { Core } from '@strapi/strapi';
import path from 'node:path';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLError, ValidationContext } from 'graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { noMutationsRule } from '../src/graphql/no-mutations';
import { clientErrorStatusPlugin, formatGraphqlError, fragmentCycleRule } from '../src/graphql/errors';

/** Operation limits for the public GraphQL API. The site's own queries stay well inside them. */
export const GRAPHQL_LIMITS = {
  depth: 7,
  aliases: 10,
  cost: 1000,
  defaultLimit: 25,
  maxLimit: 100,
};

// Report a rejected operation as a validation error (HTTP 400) instead of throwing (which Apollo turns into a 500).
const report = {
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const production = env('NODE_ENV') === 'production';
  return {
    graphql: {
      config: {
        endpoint: '/graphql',
        shadowCRUD: true,
        depthLimit: GRAPHQL_LIMITS.depth,
        defaultLimit: GRAPHQL_LIMITS.defaultLimit,
        maxLimit: GRAPHQL_LIMITS.maxLimit,
        // The sandbox loads its code from a third-party CDN: off unless asked for in development.
        landingPage: !production && env.bool('GRAPHQL_SANDBOX', false) ? true : () => ApolloServerPluginLandingPageDisabled(),
        // `npm run schema` writes the schema file the site's codegen reads, so builds need no introspection.
        generateArtifacts: env.bool('GRAPHQL_WRITE_SCHEMA', false),
        artifacts: {
          schema: path.resolve(process.cwd(), env('GRAPHQL_SCHEMA_FILE', '../web/src/data/schema.graphql')),
          typegen: false,
        },
        apolloServer: {
          introspection: !production && env.bool('GRAPHQL_INTROSPECTION', false),
          includeStacktraceInErrorResponses: false,
          // No SQL, no schema suggestions, bounded messages; a 4xx when the request was at fault.
          formatError: formatGraphqlError,
          plugins: [clientErrorStatusPlugin],
          // CORS is config/middlewares.ts's: any origin, without credentials.
          cors: false,
          // Strapi appends these to its own rules (its graphql-depth-limit rule stays: see fragmentCycleRule).
          validationRules: [
            maxDepthRule({ n: GRAPHQL_LIMITS.depth, flattenFragments: true, ...report }),
            maxAliasesRule({ n: GRAPHQL_LIMITS.aliases, ...report }),
            costLimitRule({ maxCost: GRAPHQL_LIMITS.cost, flattenFragments: true, ...report }),
            noMutationsRule,
            fragmentCycleRule,
          ],
        },
      },
    },
  };
};
