import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/** The public GraphQL API is read-only: editors write through the admin panel. */
export function noMutationsRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation !== 'query') {
        context.reportError(
          new GraphQLError(`${node.operation} operations are not available on this API: it is read-only.`, {
            nodes: [node],
          }),
        );
      }
    },
  };
}
