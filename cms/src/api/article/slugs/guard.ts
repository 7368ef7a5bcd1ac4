import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import localeList from '@publication/locales/locales.json';
import { slugify } from './rules';
import { isSlugConflict } from './unique-index';

const ARTICLE = 'api::article.article';

/** One save at a time per locale in this process, so two concurrent saves never pick the same free slug. */
const queues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  queues.set(
    key,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Every article version gets a usable slug: typed by hand, it is normalised; left empty on a new
 * version (or cleared), it is made from the title (Strapi's own generator drops Persian and Arabic
 * letters). An edit that does not touch the slug leaves it alone, so links keep working. Slugs are
 * unique per locale: this guard picks a free one, and the database refuses a duplicate that another
 * process would save at the same moment (unique-index.ts).
 */
export function registerSlugGuard(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE || !['create', 'update'].includes(context.action)) return next();

    const params = context.params as { data?: Record<string, unknown>; locale?: string; documentId?: string };
    const data = params.data;
    if (!data) return next();
    const locale = params.locale ?? localeList.defaultLocale;

    return oneAtATime(locale, async () => {
      const typed = typeof data.slug === 'string' ? slugify(data.slug) : '';
      const existing =
        context.action === 'update' && params.documentId
          ? await strapi.db
              .query(ARTICLE)
              .findOne({ select: ['slug', 'title'], where: { documentId: params.documentId, locale } })
          : null;

      let base = typed;
      if (!base && (data.slug !== undefined || !existing?.slug)) {
        const title = typeof data.title === 'string' ? data.title : existing?.title;
        base = (typeof title === 'string' && slugify(title)) || 'article';
      }
      if (base) data.slug = await freeSlug(strapi, base, locale, params.documentId);
      try {
        return await next();
      } catch (error) {
        if (isSlugConflict(error)) {
          throw new errors.ValidationError('Another article in this language took this slug at the same moment: save again.');
        }
        throw error;
      }
    });
  });
}

/** `base`, or `base-2`, `base-3`, ...: the first that no other article has in this locale. */
async function freeSlug(strapi: Core.Strapi, base: string, locale: string, documentId?: string) {
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const taken = await strapi.db.query(ARTICLE).findOne({
      select: ['documentId'],
      where: { slug: candidate, locale, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
    });
    if (!taken) return candidate;
  }
}
