import type { Core } from '@strapi/strapi';
import { slugify } from '../utils/slug';

const ARTICLE = 'api::article.article';

/**
 * Every article version gets a usable slug: derived from its title when left empty (Strapi's own
 * generator drops Persian and Arabic letters), normalised when typed by hand, unique in its locale.
 */
export function registerSlugGuard(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE || !['create', 'update'].includes(context.action)) return next();

    const params = context.params as { data?: Record<string, unknown>; locale?: string; documentId?: string };
    const data = params.data;
    if (!data) return next();

    const typed = typeof data.slug === 'string' ? slugify(data.slug) : '';
    const fromTitle = typeof data.title === 'string' ? slugify(data.title) : '';
    if (!typed && !fromTitle && data.slug === undefined) return next();

    const base = typed || fromTitle || 'article';
    data.slug = await uniqueSlug(strapi, base, params.locale ?? 'en', params.documentId);
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
