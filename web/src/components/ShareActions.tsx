'use client';

import { useState, useSyncExternalStore } from 'react';

/**
 * The only client code of the reposting kit: copying (a link, the message text, the embed snippet)
 * and the system share sheet. Rendered only once the browser can do it, so without JavaScript the
 * page shows the plain links and selectable text and no dead buttons.
 */

const noSubscription = () => () => {};
const canCopy = () => typeof navigator !== 'undefined' && Boolean(navigator.clipboard?.writeText);
const canShare = () => typeof navigator !== 'undefined' && typeof navigator.share === 'function';

export function CopyButton({ text, label, done, failed }: { text: string; label: string; done: string; failed: string }) {
  const available = useSyncExternalStore(noSubscription, canCopy, () => false);
  const [status, setStatus] = useState<'idle' | 'done' | 'failed'>('idle');
  if (!available) return null;
  return (
    <span className="copy">
      <button
        type="button"
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setStatus('done'),
            () => setStatus('failed'),
          )
        }
      >
        {label}
      </button>
      <span role="status" aria-live="polite" className="copy-status">
        {status === 'done' ? done : status === 'failed' ? failed : ''}
      </span>
    </span>
  );
}

export function SystemShareButton({ title, text, url, label }: { title: string; text: string; url: string; label: string }) {
  const available = useSyncExternalStore(noSubscription, canShare, () => false);
  if (!available) return null;
  return (
    <button
      type="button"
      onClick={() =>
        // A reader closing the sheet rejects the promise: nothing to report.
        navigator.share({ title, text, url }).catch(() => {})
      }
    >
      {label}
    </button>
  );
}
