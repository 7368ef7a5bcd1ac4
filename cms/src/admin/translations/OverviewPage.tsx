import { Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useGetTranslationsOverviewQuery } from './api';
import { backlogOf, backlogSummary, editPath, formatDate, problemCount, REVIEW_LABEL } from './labels';
import { LocaleBadge } from './LocaleBadge';
import { ProblemText } from './ProblemText';
import type { DocumentStatus, LocaleInfo, LocaleStatus, Overview } from './types';

/** Statement first, then the articles by title. */
const ordered = (documents: DocumentStatus[]) =>
  [...documents].sort(
    (a, b) =>
      Number(b.contentType === 'statement') - Number(a.contentType === 'statement') || a.title.localeCompare(b.title, 'en'),
  );

/** The "Translations" admin page: every document × locale, with the backlog summed up above the table. */
export function OverviewPage() {
  const { data, isLoading, isError } = useGetTranslationsOverviewQuery(undefined, { refetchOnMountOrArgChange: true });
  if (isLoading) return <Page.Loading />;
  if (isError || !data) return <Page.Error />;
  return (
    <Page.Main>
      <Page.Title>Translations</Page.Title>
      <Layouts.Header
        title="Translations"
        subtitle={
          <Typography variant="epsilon" textColor="neutral600" tag="p" data-translations-summary="">
            {backlogSummary(backlogOf(data))}
          </Typography>
        }
      />
      <Layouts.Content>
        <OverviewTable overview={data} />
        <ProblemList overview={data} />
      </Layouts.Content>
    </Page.Main>
  );
}

function OverviewTable({ overview }: { overview: Overview }) {
  const documents = ordered(overview.documents);
  const locales = [...overview.locales].sort(
    (a, b) => Number(b.code === overview.sourceLocale) - Number(a.code === overview.sourceLocale),
  );
  return (
    <Table colCount={locales.length + 1} rowCount={documents.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">Document</Typography>
          </Th>
          {locales.map((locale) => (
            <Th key={locale.code}>
              <Typography variant="sigma">{`${locale.englishName} (${locale.code})`}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {documents.map((document) => (
          <Tr key={document.documentId} data-translations-row={document.documentId}>
            <Td style={{ verticalAlign: 'top', whiteSpace: 'normal' }}>
              <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={2} paddingBottom={2} maxWidth="28rem">
                <Typography fontWeight="bold">{document.title}</Typography>
                <Typography variant="pi" textColor="neutral600">
                  {document.contentType === 'statement'
                    ? 'Statement (single type)'
                    : `Article · ${document.slug ?? document.documentId}`}
                </Typography>
              </Flex>
            </Td>
            {locales.map((locale) => (
              <Td key={locale.code} style={{ verticalAlign: 'top', whiteSpace: 'normal' }}>
                <LocaleCell document={document} locale={locale} locales={overview.locales} />
              </Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

function LocaleCell({ document, locale, locales }: { document: DocumentStatus; locale: LocaleInfo; locales: LocaleInfo[] }) {
  const status: LocaleStatus | undefined = document.locales[locale.code];
  if (!status) return <Typography textColor="neutral500">-</Typography>;
  const reviewed = formatDate(status.reviewedAt);
  const translated = status.reviewState !== null && status.state !== 'missing';
  return (
    <Flex
      direction="column"
      alignItems="flex-start"
      gap={1}
      paddingTop={2}
      paddingBottom={2}
      data-translations-cell={locale.code}
    >
      <LocaleBadge
        code={locale.code}
        status={status}
        locales={locales}
        to={editPath(document, locale.code)}
        withProblems={false}
      />
      {translated && (
        <>
          <Typography variant="pi" textColor="neutral700">
            {status.reviewState ? REVIEW_LABEL[status.reviewState] : 'review not recorded'}
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {status.translator ? `by ${status.translator}` : 'translator not recorded'}
          </Typography>
          {reviewed && (
            <Typography variant="pi" textColor="neutral600">
              {`reviewed ${reviewed}`}
            </Typography>
          )}
          {status.draftMarkedCurrent ? (
            <Typography variant="pi" textColor="neutral600">
              draft marked up to date: publish it
            </Typography>
          ) : (
            status.hasDraftChanges &&
            status.state !== 'draft' && (
              <Typography variant="pi" textColor="neutral600">
                unpublished draft changes
              </Typography>
            )
          )}
        </>
      )}
      {status.problems.length > 0 && (
        <Typography variant="pi" textColor="danger600" fontWeight="bold">
          {problemCount(status.problems.length)}
        </Typography>
      )}
    </Flex>
  );
}

/** Below the table: each integrity problem in words, under its document and locale. */
function ProblemList({ overview }: { overview: Overview }) {
  const entries = ordered(overview.documents).flatMap((document) =>
    Object.entries(document.locales)
      .filter(([, status]) => status.problems.length > 0)
      .map(([code, status]) => ({ document, code, problems: status.problems })),
  );
  if (entries.length === 0) return null;
  return (
    <Box marginTop={6} background="neutral0" padding={6} hasRadius shadow="tableShadow" data-translations-problems="">
      <Typography variant="delta" tag="h2">
        Integrity problems
      </Typography>
      <Flex direction="column" alignItems="stretch" gap={3} marginTop={3}>
        {entries.map(({ document, code, problems }) => (
          <Box key={`${document.documentId}:${code}`}>
            <Typography fontWeight="bold">{`${document.title} (${code})`}</Typography>
            <Box tag="ul" paddingLeft={5} style={{ listStyle: 'disc' }}>
              {problems.map((problem) => (
                <li key={`${problem.kind}:${problem.field}:${problem.expected}`}>
                  <ProblemText message={problem.message} />
                </li>
              ))}
            </Box>
          </Box>
        ))}
      </Flex>
    </Box>
  );
}

export default OverviewPage;
