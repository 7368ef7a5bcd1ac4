/**
 * Arrows that point along the reading direction: drawn for left-to-right and mirrored in
 * right-to-left pages by CSS (.arrow in globals.css).
 */
export function Arrow({ to }: { to: 'forward' | 'back' }) {
  return (
    <svg className="arrow" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d={to === 'forward' ? 'M2 8h11M9 4l4 4-4 4' : 'M14 8H3M7 4L3 8l4 4'}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.75"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
