/**
 * Runs editor actions through Strapi's Document Service against a test database, as an editor
 * working in the admin panel would, while the test's Strapi server keeps running on the same file.
 * Usage: tsx tests/helpers/strapi-task.ts '{"action":"update","uid":"api::article.article",...}' (or an array of them,
 * run in order; a `documentId` of "$0" means the document the first action created; or
 * `{"concurrently":[...]}`: creations started all at once). `markCurrent` is the translator's "mark as up to
 * date with the English" (the admin panel's button).
 */
import { markTranslationCurrent } from '../../cms/src/translations/mark-current';
import { loadStrapi, webhooksSent } from '../../scripts/lib/strapi-app';

type Task = {
  action: 'create' | 'update' | 'publish' | 'unpublish' | 'delete' | 'markCurrent';
  uid: 'api::article.article' | 'api::statement.statement' | 'plugin::upload.file';
  documentId?: string;
  locale: string;
  data?: Record<string, unknown>;
};

const input = JSON.parse(process.argv[2] ?? '{}') as Task | Task[] | { concurrently: Task[] };
const tasks = Array.isArray(input) ? input : 'concurrently' in input ? [] : [input];
const strapi = await loadStrapi();
try {
  const results: unknown[] = [];
  let created: string | undefined;
  if ('concurrently' in input) {
    // Editors saving at the same moment: each result is the saved document, or the error's message.
    const settled = await Promise.allSettled(
      input.concurrently.map((task) => strapi.documents(task.uid).create({ locale: task.locale, data: task.data as never })),
    );
    results.push(
      ...settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : { error: String(outcome.reason?.message) })),
    );
  }
  for (const task of tasks) {
    const documents = strapi.documents(task.uid);
    const documentId = task.documentId === '$0' ? created! : task.documentId!;
    const params = { documentId, locale: task.locale };
    let result: any;
    if (task.action === 'create') result = await documents.create({ locale: task.locale, data: task.data as never });
    else if (task.action === 'update') result = await documents.update({ ...params, data: task.data as never });
    else if (task.action === 'publish') result = await documents.publish(params);
    else if (task.action === 'unpublish') result = await documents.unpublish(params);
    else if (task.action === 'delete') result = await documents.delete(params);
    else if (task.action === 'markCurrent' && task.uid !== 'plugin::upload.file') {
      result = await markTranslationCurrent(strapi, task.uid, documentId, task.locale);
    } else throw new Error(`unknown action ${task.action}`);
    created ??= task.action === 'create' ? result?.documentId : undefined;
    results.push(result);
  }
  await webhooksSent(strapi);
  process.stdout.write(`\nRESULT ${JSON.stringify(Array.isArray(input) || 'concurrently' in input ? results : results[0])}\n`);
} finally {
  await databaseIdle();
  await strapi.destroy();
}
process.exit(0);

/**
 * Waits (up to 10 s) until no query holds or awaits a connection: on PostgreSQL, closing the pool
 * aborts the queries Strapi still has in the background after a publish, and the process dies of it.
 */
async function databaseIdle() {
  const pool = (strapi.db.connection.client as { pool?: PoolState }).pool;
  const deadline = Date.now() + 10_000;
  while (pool && pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
type PoolState = { numUsed: () => number; numPendingAcquires: () => number; numPendingCreates: () => number };
