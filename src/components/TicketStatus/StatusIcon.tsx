import type { StatusIcon as StatusIconName } from './ticketStatusCodes.ts';

// 16-unit strokes at 1.5: legible at the pill's 12 px, and distinct in shape, not only in colour.
const ring = <circle cx="8" cy="8" r="6.25" />;
const paths: Record<StatusIconName, React.ReactNode> = {
  // Waiting to be taken on.
  hourglass: (
    <path d="M4.5 1.75h7M4.5 14.25h7M5.25 2c0 3.25 5.5 3.5 5.5 6s-5.5 2.75-5.5 6M10.75 2c0 3.25-5.5 3.5-5.5 6s5.5 2.75 5.5 6" />
  ),
  // Half done.
  progress: (
    <>
      {ring}
      <path d="M8 1.75a6.25 6.25 0 0 1 0 12.5z" fill="currentColor" />
    </>
  ),
  // The customer is asked to confirm: a circled exclamation mark.
  confirm: (
    <>
      {ring}
      <path d="M8 4.5v4.25M8 11v.5" strokeLinecap="round" />
    </>
  ),
  check: (
    <>
      {ring}
      <path d="m5.25 8.25 1.9 1.9 3.6-3.9" strokeLinecap="round" strokeLinejoin="round" />
    </>
  ),
  // Taken back: an arrow turning back.
  withdrawn: (
    <path
      d="M6 3.25 2.75 6.5 6 9.75M2.75 6.5h6.5a3.75 3.75 0 0 1 0 7.5H7.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  ),
  // No longer valid: a struck-through circle.
  invalid: (
    <>
      {ring}
      <path d="m3.6 12.4 8.8-8.8" />
    </>
  ),
  // Feedback is asked for: a speech bubble.
  feedback: <path d="M2.25 3.25h11.5v7.5h-6.5l-3.25 2.75v-2.75H2.25z" strokeLinejoin="round" />,
  // Not a status we know: a question mark in a dashed ring.
  unknown: (
    <>
      <circle cx="8" cy="8" r="6.25" strokeDasharray="2.2 1.7" />
      <path d="M6.1 6.3a1.95 1.95 0 1 1 2.7 1.8c-.5.25-.8.6-.8 1.15v.4M8 11.35v.4" strokeLinecap="round" />
    </>
  ),
};

export function StatusIcon({ name }: { name: StatusIconName }) {
  return (
    <svg
      className="tc-ticket-status__icon"
      viewBox="0 0 16 16"
      width="12"
      height="12"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      aria-hidden="true"
      focusable="false"
      data-icon={name}
    >
      {paths[name]}
    </svg>
  );
}
