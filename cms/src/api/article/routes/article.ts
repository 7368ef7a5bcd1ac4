import { factories } from '@strapi/strapi';
import { restGate } from '../../../public-access';

// Read-only REST: writes go through the admin panel, never through the public API.
export default factories.createCoreRouter('api::article.article', {
  only: ['find', 'findOne'],
  config: {
    find: { middlewares: [restGate('api::article.article')] },
    findOne: { middlewares: [restGate('api::article.article')] },
  },
});
