import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { errors } from '@strapi/utils';
import {
  GraphQLError,
  NoFragmentCyclesRule,
  parse,
  validate,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLFormattedError,
  type ValidationContext,
} from 'graphql';
import { boundDetails, toClientError, truncate } from '../utils/client-errors';

const MAX_ERRORS = 10;

// "Did you mean …" names fields, arguments, types and enum values: the schema, with introspection off.
const withoutSuggestions = (message: string) => truncate(message.replace(/\s*Did you mean\b[\s\S]*$/, ''));

const strapiCode = (name: string) => `STRAPI_${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;

type Extensions = Record<string, unknown>;
const answer = (formatted: GraphQLFormattedError, message: string, extensions: Extensions): GraphQLFormattedError => ({
  message,
  ...(formatted.locations ? { locations: formatted.locations } : {}),
  ...(formatted.path ? { path: formatted.path } : {}),
  extensions,
});

/**
 * Replaces @strapi/plugin-graphql's formatter, which copies the original error's name and message
 * into `extensions.error`: for a database error that is the SQL with every value sent (hundreds of
 * KB). Strapi's own errors keep their codes (FORBIDDEN, BAD_USER_INPUT, STRAPI_*); database errors
 * become BAD_USER_INPUT without the SQL; anything else is a logged INTERNAL_SERVER_ERROR.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  let original = unwrapResolverError(error);
  const code = formatted.extensions?.code;
  if (original instanceof GraphQLError) {
    // Syntax, validation and coercion errors are about the query; only a wrapped foreign error is not.
    const cause = original.originalError;
    if (!cause || cause instanceof GraphQLError || code !== 'INTERNAL_SERVER_ERROR') {
      return answer(formatted, withoutSuggestions(formatted.message), { code: code ?? 'BAD_REQUEST' });
    }
    original = cause;
  }
  const strapiError = (name: string, message: string, details: unknown) => ({
    name,
    message: truncate(message),
    details: boundDetails(details),
  });

  if (original instanceof errors.ForbiddenError || original instanceof errors.UnauthorizedError) {
    return answer(formatted, truncate(original.message), {
      code: 'FORBIDDEN',
      error: strapiError(original.name, original.message, original.details),
    });
  }
  if (original instanceof errors.ValidationError) {
    return answer(formatted, truncate(original.message), {
      code: 'BAD_USER_INPUT',
      error: strapiError(original.name, original.message, original.details),
    });
  }
  if (original instanceof errors.ApplicationError || original instanceof errors.HttpError) {
    const details = (original as { details?: unknown }).details;
    return answer(formatted, truncate(original.message), {
      code: strapiCode(original.name),
      error: strapiError(original.name, original.message, details),
    });
  }
  const client = toClientError(original);
  if (client) return answer(formatted, client.message, { code: client.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'BAD_USER_INPUT' });

  strapi.log.error(truncate(original instanceof Error ? original.message : original, 500));
  return answer(formatted, 'Internal Server Error', { code: 'INTERNAL_SERVER_ERROR' });
}

const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'FORBIDDEN']);
const isClientCode = (code: unknown) => typeof code === 'string' && (CLIENT_CODES.has(code) || code.startsWith('STRAPI_'));

// Strapi's own depth rule (graphql-depth-limit) follows fragment spreads without noticing a cycle and
// overflows the stack, and a hook that throws only gets a 500 from Apollo. So a document with a cycle
// is swapped, before validation, for a harmless one that fragmentCycleRule fails with the cycle's message.
const cycles = new WeakMap<DocumentNode, string>();

export function fragmentCycleRule(context: ValidationContext): ASTVisitor {
  const message = cycles.get(context.getDocument());
  if (message) context.reportError(new GraphQLError(message));
  return {};
}

/**
 * Apollo answers 200 when execution fails; a request that got nothing because of what it asked for
 * gets a 4xx (403 when it was only refused). At most ten errors are sent.
 */
export const clientErrorStatusPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async validationDidStart(requestContext) {
        const [cycle] = validate(requestContext.schema, requestContext.document, [NoFragmentCyclesRule]);
        if (cycle) {
          const standIn = parse('{ __typename }');
          cycles.set(standIn, cycle.message);
          (requestContext as { document: DocumentNode }).document = standIn;
        }
      },
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (!result.errors?.length) return;
        if (result.errors.length > MAX_ERRORS) result.errors = result.errors.slice(0, MAX_ERRORS);
        const gotNothing = result.data == null || Object.values(result.data).every((value) => value === null);
        const codes = result.errors.map((item) => item.extensions?.code);
        if (!gotNothing || (response.http.status && response.http.status !== 200)) return;
        if (codes.includes('SERVICE_UNAVAILABLE')) response.http.status = 503;
        else if (codes.every((code) => code === 'FORBIDDEN')) response.http.status = 403;
        else if (codes.every(isClientCode)) response.http.status = 400;
      },
    };
  },
};
