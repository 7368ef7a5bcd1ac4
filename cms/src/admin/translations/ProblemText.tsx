import { Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';

/** Runs of right-to-left script (Persian, Arabic, Hebrew), spaces and zero-width non-joiners inside them included. */
const RTL_RUN = /[\u0590-\u08FF\uFB1D-\uFEFF]+(?:[\s\u200c]+[\u0590-\u08FF\uFB1D-\uFEFF]+)*/g;

/**
 * An integrity problem's English message, with each Persian or Arabic term isolated (<bdi>), so that a list
 * such as «رژیم روحانیون», «حکومت روحانیون» keeps its order and punctuation in the English sentence.
 */
export function ProblemText({ message }: { message: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of message.matchAll(RTL_RUN)) {
    parts.push(message.slice(last, match.index));
    parts.push(<bdi key={match.index}>{match[0]}</bdi>);
    last = match.index + match[0].length;
  }
  parts.push(message.slice(last));
  return <Typography variant="pi">{parts}</Typography>;
}
