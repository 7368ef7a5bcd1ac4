import { afterAll, beforeAll } from 'vitest';
import { runStrapiTask } from './cms';

const ARTICLE = 'api::article.article';

/**
 * An article of the test file's own, created and published in every version given (the source
 * locale's first, as an editor would) before its tests and deleted after them, so that the seed
 * content other tests read is left as it was.
 */
export function useTestArticle(cmsEnv: Record<string, string>, versions: [locale: string, data: Record<string, unknown>][]) {
  const article = {
    documentId: '',
    /** Editor actions on this article (update, publish, markCurrent, ...), in order; await it. */
    edit: (tasks: Record<string, unknown>[]) =>
      runStrapiTask(
        cmsEnv,
        tasks.map((task) => ({ uid: ARTICLE, documentId: article.documentId, ...task })),
      ),
  };
  beforeAll(async () => {
    const [[first, data], ...others] = versions as [[string, Record<string, unknown>], ...typeof versions];
    const [created] = await runStrapiTask<{ documentId: string }[]>(cmsEnv, [
      { action: 'create', uid: ARTICLE, locale: first, data },
      ...others.map(([locale, data]) => ({ action: 'update', uid: ARTICLE, documentId: '$0', locale, data })),
      { action: 'publish', uid: ARTICLE, documentId: '$0', locale: '*' },
    ]);
    article.documentId = created!.documentId;
  }, 60_000);
  afterAll(async () => {
    if (article.documentId)
      await runStrapiTask(cmsEnv, { action: 'delete', uid: ARTICLE, documentId: article.documentId, locale: '*' });
  }, 60_000);
  return article;
}
