import type { Core } from '@strapi/strapi';

const ARTICLE = 'api::article.article';
const INDEXES = {
  articles_slug_draft_unique: 'IS NULL',
  articles_slug_published_unique: 'IS NOT NULL',
} as const;

/**
 * Slugs are unique per locale, enforced by the database (SQLite and PostgreSQL alike): among the
 * drafts, and among the published versions (a document's draft and published versions share theirs).
 * Strapi does not know these indexes, so they are created, if missing, at every start.
 */
export async function ensureUniqueSlugIndexes(strapi: Core.Strapi) {
  const { tableName, attributes } = strapi.db.metadata.get(ARTICLE) as unknown as {
    tableName: string;
    attributes: Record<string, { columnName?: string }>;
  };
  const column = (name: string) => attributes[name]?.columnName ?? name;
  for (const [name, published] of Object.entries(INDEXES)) {
    try {
      await strapi.db.connection.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ?? ON ?? (??, ??) WHERE ?? ${published}`, [
        name,
        tableName,
        column('locale'),
        column('slug'),
        column('publishedAt'),
      ]);
    } catch (error) {
      // Duplicates saved before the index existed: say which, and keep serving.
      strapi.log.error(
        `[slugs] cannot enforce unique slugs (${name}): ${(error as Error).message.split('\n')[0]}. Give these articles distinct slugs.`,
      );
    }
  }
}

/** Whether a database error is one of these indexes refusing a duplicate slug. */
export function isSlugConflict(error: unknown): boolean {
  const text = `${(error as { message?: string })?.message ?? ''} ${(error as { constraint?: string })?.constraint ?? ''}`;
  return (
    Object.keys(INDEXES).some((name) => text.includes(name)) || /UNIQUE constraint failed: \w+\.locale, \w+\.slug/.test(text)
  );
}
