import { factories } from '@strapi/strapi';
import { restGate } from '../../../public-access';

// Read-only REST: writes go through the admin panel, never through the public API.
export default factories.createCoreRouter('api::statement.statement', {
  only: ['find', 'findOne'],
  config: {
    find: { middlewares: [restGate('api::statement.statement')] },
    findOne: { middlewares: [restGate('api::statement.statement')] },
  },
});
