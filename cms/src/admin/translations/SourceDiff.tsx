import { Box, Flex, Link, Typography, VisuallyHidden } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import { condenseChanges, fieldLabel } from './labels';
import type { SourceDiff as Diff } from './types';

/**
 * What changed in the English source fields since a translation's recorded revision, field by field:
 * removed text struck through in red (<del>), added text underlined in green (<ins>), each also named
 * in words for screen readers; long unchanged passages are cut to the words around a change.
 */
export function SourceDiff({ diff, englishPath }: { diff: Diff; englishPath: string }) {
  if (!diff.available) {
    return (
      <Typography variant="pi" tag="p">
        The English this translation was made from was not kept (it predates the recording of source revisions), so the changes
        cannot be shown.{' '}
        <Link tag={NavLink} to={englishPath}>
          Compare with the English
        </Link>
        .
      </Typography>
    );
  }
  const fields = diff.fields.filter((field) => field.changes.some((change) => change.kind !== 'equal'));
  if (fields.length === 0) {
    return <Typography variant="pi">The English source fields are the same as when this translation was made.</Typography>;
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-translations-diff="">
      <Typography variant="pi" textColor="neutral600">
        <del style={{ color: 'inherit' }}>Struck through</del>: removed from the English.{' '}
        <ins style={{ color: 'inherit' }}>Underlined</ins>: added to it.
      </Typography>
      {fields.map(({ field, changes }) => {
        const removed = changes.filter((change) => change.kind === 'removed').length;
        const added = changes.filter((change) => change.kind === 'added').length;
        const shown = condenseChanges(changes);
        return (
          <Box key={field} data-diff-field={field}>
            <Flex justifyContent="space-between" gap={2}>
              <Typography variant="sigma" textColor="neutral700" tag="h3">
                {fieldLabel(field)}
              </Typography>
              <Typography variant="pi" textColor="neutral600">
                {[removed ? `${removed} removed` : '', added ? `${added} added` : ''].filter(Boolean).join(', ')}
              </Typography>
            </Flex>
            <Box background="neutral100" hasRadius padding={2} marginTop={1}>
              <Typography variant="omega" tag="p" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {shown.map((change, index) => {
                  if (change.kind === 'equal') return <span key={index}>{change.text}</span>;
                  const removedText = change.kind === 'removed';
                  return (
                    <Box
                      key={index}
                      tag={removedText ? 'del' : 'ins'}
                      background={removedText ? 'danger100' : 'success100'}
                      color={removedText ? 'danger700' : 'success700'}
                      style={{
                        textDecoration: removedText ? 'line-through' : 'underline',
                        borderRadius: 2,
                        // A removed passage right before an added one: a gap, so the two do not read as one word.
                        marginInlineEnd: removedText && shown[index + 1]?.kind === 'added' ? '0.3em' : undefined,
                      }}
                    >
                      <VisuallyHidden>{removedText ? '[removed: ' : '[added: '}</VisuallyHidden>
                      {change.text}
                      <VisuallyHidden>]</VisuallyHidden>
                    </Box>
                  );
                })}
              </Typography>
            </Box>
          </Box>
        );
      })}
    </Flex>
  );
}
