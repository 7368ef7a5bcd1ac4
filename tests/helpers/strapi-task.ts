/**
 * Runs one editor action through Strapi's Document Service against a test database, as an editor
 * working in the admin panel would, while the test's Strapi server keeps running on the same file.
 * Usage: tsx tests/helpers/strapi-task.ts '{"action":"update","uid":"api::article.article",...}'
 */
import { loadStrapi } from '../../scripts/lib/strapi-app';

type Task = {
  action: 'create' | 'update' | 'publish' | 'unpublish' | 'delete';
  uid: 'api::article.article' | 'api::statement.statement';
  documentId?: string;
  locale: string;
  data?: Record<string, unknown>;
};

const task = JSON.parse(process.argv[2] ?? '{}') as Task;
const strapi = await loadStrapi();
try {
  const documents = strapi.documents(task.uid);
  const params = { documentId: task.documentId!, locale: task.locale };
  let result: unknown;
  if (task.action === 'create') result = await documents.create({ locale: task.locale, data: task.data as never });
  else if (task.action === 'update') result = await documents.update({ ...params, data: task.data as never });
  else if (task.action === 'publish') result = await documents.publish(params);
  else if (task.action === 'unpublish') result = await documents.unpublish(params);
  else if (task.action === 'delete') result = await documents.delete(params);
  else throw new Error(`unknown action ${task.action}`);
  process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`);
} finally {
  await strapi.destroy();
}
process.exit(0);
