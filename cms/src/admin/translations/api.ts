import { adminApi } from '@strapi/strapi/admin';
import type { ContentTypeName, DocumentDetail, DocumentStatus, Overview } from './types';

type DocumentArgs = { contentType: ContentTypeName; documentId: string; locale: string };

const UIDS: Record<ContentTypeName, string> = { statement: 'api::statement.statement', article: 'api::article.article' };

/**
 * The translation workflow's admin endpoints on the admin panel's own RTK Query API: requests carry the
 * signed-in admin's token, identical queries are shared (every list-view cell reads one overview) and
 * marking a translation current refreshes what shows it.
 */
const translationsApi = adminApi
  .enhanceEndpoints({ addTagTypes: ['TranslationsOverview', 'TranslationsDocument'] })
  .injectEndpoints({
    endpoints: (builder) => ({
      getTranslationsOverview: builder.query<Overview, void>({
        query: () => '/admin/translations/overview',
        providesTags: ['TranslationsOverview'],
      }),
      getTranslationsDocument: builder.query<DocumentDetail, DocumentArgs>({
        query: ({ contentType, documentId, locale }) => ({
          url: `/admin/translations/documents/${contentType}/${encodeURIComponent(documentId)}`,
          config: { params: { locale } },
        }),
        providesTags: (_result, _error, { documentId }) => [{ type: 'TranslationsDocument', id: documentId }],
      }),
      markTranslationCurrent: builder.mutation<{ document: DocumentStatus }, DocumentArgs>({
        query: ({ contentType, documentId, locale }) => ({
          url: `/admin/translations/documents/${contentType}/${encodeURIComponent(documentId)}/${encodeURIComponent(locale)}/mark-current`,
          method: 'POST',
        }),
        // The content manager's own copy of the document too ('Document' is its tag type on this API), so
        // the edit view's form shows the draft with its new source revision.
        invalidatesTags: (_result, _error, { contentType, documentId }) => [
          'TranslationsOverview',
          { type: 'TranslationsDocument', id: documentId },
          { type: 'Document' as never, id: `${UIDS[contentType]}_${documentId}` },
          { type: 'Document' as never, id: UIDS[contentType] },
        ],
      }),
    }),
    overrideExisting: false,
  });

export const { useGetTranslationsOverviewQuery, useGetTranslationsDocumentQuery, useMarkTranslationCurrentMutation } =
  translationsApi;
