import { Badge, Flex, Tooltip, Typography } from '@strapi/design-system';
import type * as React from 'react';
import { Link } from 'react-router-dom';
import { describeStatus, STATE_LABEL, STATE_VARIANT } from './labels';
import type { LocaleInfo, LocaleStatus } from './types';

interface LocaleBadgeProps {
  code: string;
  status: LocaleStatus;
  locales: LocaleInfo[];
  /** The edit view of this locale: the badge becomes a link to it. */
  to?: string;
  /** Shows the integrity problem count inside the badge ("fa current · 2 problems"). */
  withProblems?: boolean;
}

/**
 * One locale's state as a small badge: the locale code and the state in words ("fa outdated"), coloured
 * by state, with the review state, translator and problems in its tooltip and accessible name.
 */
export function LocaleBadge({ code, status, locales, to, withProblems = true }: LocaleBadgeProps) {
  const lines = describeStatus(status, code, locales);
  const count = status.problems.length;
  const problems = withProblems && count > 0 ? ` · ${count} problem${count === 1 ? '' : 's'}` : '';
  const badge = (
    <Badge variant={STATE_VARIANT[status.state]} size="S">
      {`${code} ${STATE_LABEL[status.state]}${problems}`}
    </Badge>
  );
  const label = (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      {lines.map((line) => (
        <Typography key={line} variant="pi" textColor="neutral0">
          {line}
        </Typography>
      ))}
    </Flex>
  );
  const common = {
    'data-translation-locale': code,
    'data-translation-state': status.state,
    'aria-label': lines.join(' '),
    title: lines.join('\n'),
  };
  const stop = (event: React.MouseEvent) => event.stopPropagation();
  return (
    <Tooltip label={label}>
      {to ? (
        <Link to={to} onClick={stop} {...common} style={{ textDecoration: 'none', display: 'inline-flex' }}>
          {badge}
        </Link>
      ) : (
        <span tabIndex={0} {...common} style={{ display: 'inline-flex' }}>
          {badge}
        </span>
      )}
    </Tooltip>
  );
}
