import { factories } from '@strapi/strapi';

// Read-only REST: writes go through the admin panel, never through the public API.
export default factories.createCoreRouter('api::statement.statement', {
  only: ['find', 'findOne'],
  config: {
    find: { middlewares: ['global::draft-guard'] },
    findOne: { middlewares: ['global::draft-guard'] },
  },
});
