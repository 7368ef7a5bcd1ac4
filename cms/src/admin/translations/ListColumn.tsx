import { Flex, Typography } from '@strapi/design-system';
import { useGetTranslationsOverviewQuery } from './api';
import { editPath } from './labels';
import { LocaleBadge } from './LocaleBadge';

const ARTICLE_UID = 'api::article.article';

/**
 * The "Translations" cell of one article in the content manager's list: every locale's badge. All
 * cells of a list share one overview request (RTK Query deduplicates it); a list opened again more than
 * ten seconds later asks anew, and marking a translation current refreshes it.
 */
export function TranslationsCell({ documentId }: { documentId: string }) {
  const { data, isLoading, isError } = useGetTranslationsOverviewQuery(undefined, { refetchOnMountOrArgChange: 10 });
  if (isLoading) return <Typography textColor="neutral500">…</Typography>;
  if (isError || !data) return <Typography textColor="danger600">Status unavailable</Typography>;
  const document = data.documents.find((entry) => entry.documentId === documentId);
  if (!document) return <Typography textColor="neutral500">-</Typography>;
  return (
    <Flex gap={1} wrap="wrap" minWidth="20rem" data-translations-for={documentId}>
      {data.locales
        .filter((locale) => document.locales[locale.code])
        .map((locale) => (
          <LocaleBadge
            key={locale.code}
            code={locale.code}
            status={document.locales[locale.code]!}
            locales={data.locales}
            to={editPath(document, locale.code)}
          />
        ))}
    </Flex>
  );
}

interface Header {
  name: string;
  [key: string]: unknown;
}

/** Whether the list view on screen is the articles'; the hook's arguments do not name the content type. */
const isArticleList = () => window.location.pathname.includes(`/content-manager/collection-types/${ARTICLE_UID}`);

/** `Admin/CM/pages/ListView/inject-column-in-table`: adds the "Translations" column to the article list. */
export function addTranslationsColumn<L>({ displayedHeaders, layout }: { displayedHeaders: Header[]; layout: L }) {
  if (!isArticleList() || displayedHeaders.some((header) => header.name === 'translations')) {
    return { displayedHeaders, layout };
  }
  const column = {
    attribute: { type: 'custom' },
    name: 'translations',
    label: { id: 'translations.list.column', defaultMessage: 'Translations' },
    searchable: false,
    sortable: false,
    cellFormatter: (row: { documentId: string }) => <TranslationsCell documentId={row.documentId} />,
  };
  // Right after the title, where it is seen without scrolling the table sideways.
  const title = displayedHeaders.findIndex((header) => header.name === 'title');
  const at = title >= 0 ? title + 1 : displayedHeaders.length;
  return { layout, displayedHeaders: [...displayedHeaders.slice(0, at), column, ...displayedHeaders.slice(at)] };
}
