import { Box, Button, Flex, Typography } from '@strapi/design-system';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useForm, useNotification, useQueryParams } from '@strapi/strapi/admin';
import { useId, type ReactNode } from 'react';
import { useGetTranslationsDocumentQuery, useGetTranslationsOverviewQuery, useMarkTranslationCurrentMutation } from './api';
import { describeStatus, editPath, formatDate, formatRange, localeName, problemCount, STATE_LABEL } from './labels';
import { LocaleBadge } from './LocaleBadge';
import { ProblemText } from './ProblemText';
import { SourceDiff } from './SourceDiff';
import type { ContentTypeName, DocumentDetail } from './types';

const CONTENT_TYPES: Record<string, ContentTypeName> = {
  'api::statement.statement': 'statement',
  'api::article.article': 'article',
};

type I18nQuery = { plugins?: { i18n?: { locale?: string } } };

/**
 * The edit view's "Translations" panel (statement and articles): every locale's state, and for the
 * locale being edited what changed in the English since it was translated, its integrity problems and
 * the button that records the current English as its source.
 */
export const TranslationsPanel: PanelComponent = ({ model, document, documentId }) => {
  const contentType = CONTENT_TYPES[model];
  const [{ query }] = useQueryParams<I18nQuery>();
  const locale = (document?.locale as string | undefined) ?? query.plugins?.i18n?.locale;
  // A single type edited in a locale it does not exist in yet has no document id on screen: take the
  // statement's from the overview.
  const knownId = (document?.documentId as string | undefined) ?? documentId;
  const overview = useGetTranslationsOverviewQuery(undefined, { skip: !contentType || Boolean(knownId) });
  const id = knownId ?? overview.data?.documents.find((entry) => entry.contentType === contentType)?.documentId;
  const detail = useGetTranslationsDocumentQuery(
    { contentType: contentType ?? 'article', documentId: id ?? '', locale: locale ?? '' },
    { skip: !contentType || !id || !locale, refetchOnMountOrArgChange: true },
  );

  if (!contentType) return null;
  let content: ReactNode;
  if (!id) content = <Typography variant="pi">Save the English version first: translations are made from it.</Typography>;
  else if (detail.isError) content = <Typography textColor="danger600">The translation status could not be loaded.</Typography>;
  else if (!detail.data || !locale) content = <Typography textColor="neutral500">Loading…</Typography>;
  else {
    // The source revision the draft on screen records: once marked up to date, it is the current English's
    // while the published version (which the state describes) still records the old one until published.
    const draftRevision = (document?.translation as { sourceRevision?: string | null } | null | undefined)?.sourceRevision;
    content = <PanelContent detail={detail.data} locale={locale} contentType={contentType} draftRevision={draftRevision} />;
  }
  return { title: 'Translations', content };
};

interface PanelContentProps {
  detail: DocumentDetail;
  locale: string;
  contentType: ContentTypeName;
  draftRevision?: string | null;
}

function PanelContent({ detail, locale, contentType, draftRevision }: PanelContentProps) {
  const { document, diff } = detail;
  const status = document.locales[locale];
  const markedInDraft = status?.state === 'outdated' && Boolean(draftRevision) && draftRevision === document.sourceRevision;
  const codes = Object.keys(document.locales);
  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%" data-translations-panel={locale}>
      {status && <ThisLocale detail={detail} locale={locale} contentType={contentType} />}
      {diff && status?.state !== 'source' && (
        <Box>
          <Typography variant="sigma" tag="h2" textColor="neutral600">
            Changes in the English
          </Typography>
          <Typography variant="pi" tag="p" textColor="neutral600">
            {`From the English of ${formatRange(diff.fromDate, diff.toDate)[0]} (this translation's source) to the English of ${
              formatRange(diff.fromDate, diff.toDate)[1]
            }.`}
          </Typography>
          <Box marginTop={2}>
            <SourceDiff diff={diff} englishPath={editPath(document, detail.sourceLocale ?? 'en')} />
          </Box>
        </Box>
      )}
      {markedInDraft && (
        <Box background="primary100" padding={3} hasRadius data-translations-marked="">
          <Typography variant="pi" tag="p">
            {`The draft is marked as up to date with the English of ${formatDate(diff?.toDate ?? document.sourceDate) ?? 'now'}. Publish it to make the published translation current.`}
          </Typography>
        </Box>
      )}
      {status && !markedInDraft && (diff || status.state === 'outdated') && (
        <MarkCurrent contentType={contentType} documentId={document.documentId} locale={locale} englishDate={diff?.toDate} />
      )}
      {status && status.problems.length > 0 && (
        <Box data-translations-problems="">
          <Typography variant="sigma" tag="h2" textColor="danger600">
            {problemCount(status.problems.length)}
          </Typography>
          <Box tag="ul" paddingLeft={4} marginTop={1} style={{ listStyle: 'disc' }}>
            {status.problems.map((problem) => (
              <li key={`${problem.kind}:${problem.field}:${problem.expected}`}>
                <ProblemText message={problem.message} />
              </li>
            ))}
          </Box>
        </Box>
      )}
      <Box>
        <Typography variant="sigma" tag="h2" textColor="neutral600">
          All locales
        </Typography>
        <Flex gap={1} wrap="wrap" marginTop={1}>
          {codes.map((code) => (
            <LocaleBadge
              key={code}
              code={code}
              status={document.locales[code]!}
              locales={detail.locales ?? []}
              to={code === locale ? undefined : editPath(document, code)}
            />
          ))}
        </Flex>
      </Box>
    </Flex>
  );
}

function ThisLocale({ detail, locale }: { detail: DocumentDetail; locale: string; contentType: ContentTypeName }) {
  const status = detail.document.locales[locale]!;
  const others = Object.entries(detail.document.locales).filter(([code]) => code !== locale);
  const outdated = others.filter(([, other]) => other.state === 'outdated').length;
  let sentence: string;
  switch (status.state) {
    case 'source':
      sentence = `English is the source: publishing a change to it makes every translation outdated until it is brought up to date. ${outdated} of ${others.length} translations are outdated now.`;
      break;
    case 'missing':
      sentence = 'Not translated yet. Fill in this form (or import an XLIFF file) to create the translation as a draft.';
      break;
    case 'draft':
      sentence = 'Draft only: this translation is not published yet.';
      break;
    case 'outdated':
      sentence = 'Outdated: the English was changed and published after this translation was made.';
      break;
    default:
      sentence = `Current: made from the English as published now${
        status.sourceRevisionDate ? ` (${formatDate(status.sourceRevisionDate)})` : ''
      }.`;
  }
  const details = describeStatus(status, locale, []).slice(1);
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Flex gap={2} wrap="wrap">
        <Typography variant="omega" fontWeight="bold">
          {localeName([], locale)}
        </Typography>
        <LocaleBadge code={locale} status={status} locales={[]} withProblems={false} />
      </Flex>
      <Typography variant="pi" tag="p" data-translations-state={STATE_LABEL[status.state]}>
        {sentence}
      </Typography>
      {details.length > 0 && (
        <Box tag="ul">
          {details.map((line) => (
            <li key={line}>
              <Typography variant="pi" textColor="neutral600">
                {line}
              </Typography>
            </li>
          ))}
        </Box>
      )}
    </Flex>
  );
}

function MarkCurrent(props: { contentType: ContentTypeName; documentId: string; locale: string; englishDate?: string | null }) {
  const [markCurrent, { isLoading }] = useMarkTranslationCurrentMutation();
  // Marking reloads the form with the saved draft: not while it holds unsaved changes.
  const modified = useForm('TranslationsPanel', (state) => state.modified, false) ?? false;
  const { toggleNotification } = useNotification();
  const hintId = useId();
  const englishDate = formatDate(props.englishDate);
  const onClick = async () => {
    const result = await markCurrent(props);
    if ('error' in result && result.error) {
      const error = result.error as { status?: number; name?: string; message?: string };
      const forbidden = error.status === 403 || error.name === 'ForbiddenError';
      toggleNotification({
        type: 'danger',
        message: forbidden
          ? `You may not update the ${props.locale} version.`
          : (error.message ?? 'Could not mark as up to date.'),
      });
      return;
    }
    toggleNotification({
      type: 'success',
      message: `The ${localeName([], props.locale)} draft now records the current English as its source: publish it to make it current.`,
    });
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Button variant="secondary" fullWidth loading={isLoading} disabled={modified} onClick={onClick} aria-describedby={hintId}>
        Mark as up to date with the English
      </Button>
      <Typography variant="pi" textColor="neutral600" id={hintId}>
        {`Records the English as published now${
          englishDate ? ` (${englishDate})` : ''
        } as the source of this translation's draft, so it counts as current once published. Do this once the translation says what the changes above say.${
          modified ? ' Save your changes first.' : ''
        }`}
      </Typography>
    </Flex>
  );
}
