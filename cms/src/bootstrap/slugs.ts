import type { Core } from '@strapi/strapi';
import { slugify } from '../utils/slug';

const ARTICLE = 'api::article.article';

/**
 * Every article version gets a usable slug: typed by hand, it is normalised; left empty on a new
 * version (or cleared), it is made from the title (Strapi's own generator drops Persian and Arabic
 * letters). An edit that does not touch the slug leaves it alone, so links keep working.
 */
export function registerSlugGuard(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE || !['create', 'update'].includes(context.action)) return next();

    const params = context.params as { data?: Record<string, unknown>; locale?: string; documentId?: string };
    const data = params.data;
    if (!data) return next();
    const locale = params.locale ?? 'en';

    const typed = typeof data.slug === 'string' ? slugify(data.slug) : '';
    const existing =
      context.action === 'update' && params.documentId
        ? await strapi.db.query(ARTICLE).findOne({ select: ['slug', 'title'], where: { documentId: params.documentId, locale } })
        : null;

    let base = typed;
    if (!base && (data.slug !== undefined || !existing?.slug)) {
      const title = typeof data.title === 'string' ? data.title : existing?.title;
      base = (typeof title === 'string' && slugify(title)) || 'article';
    }
    if (base) data.slug = await uniqueSlug(strapi, base, locale, params.documentId);
    return next();
  });
}

async function uniqueSlug(strapi: Core.Strapi, base: string, locale: string, documentId?: string) {
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const taken = await strapi.db.query(ARTICLE).findOne({
      select: ['documentId'],
      where: { slug: candidate, locale, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
    });
    if (!taken) return candidate;
  }
}
