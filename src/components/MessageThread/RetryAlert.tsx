import type { MouseEvent, ReactNode } from 'react';
import { getBadgeStrings } from '../i18n/badgeStrings.ts';

export interface RetryAlertProps {
  /** What went wrong, already in the user's language. */
  message: string;
  onRetry?: ((event: MouseEvent<HTMLButtonElement>) => void) | undefined;
  /** Default: the catalog's "Retry". */
  retryLabel?: string | undefined;
  locale?: string | undefined;
  /** One line for tight places (a nav bar): icon and Retry, the message read out and shown as a tooltip. */
  compact?: boolean | undefined;
  className?: string | undefined;
  /** Further buttons after Retry (ThreadAlert's Dismiss). Default: none. */
  children?: ReactNode | undefined;
}

/**
 * An error the user should hear at once (role="alert"), with an optional retry: what the error boundary
 * shows in a first load. `ThreadAlert` (the chat's alerts, loaded with the thread) adds Dismiss to it.
 */
export function RetryAlert(props: RetryAlertProps) {
  const { message, onRetry, retryLabel, locale, compact, className, children } = props;
  return (
    <div
      className={className ? `tc-thread-alert ${className}` : 'tc-thread-alert'}
      role="alert"
      data-compact={compact || undefined}
      title={compact ? message : undefined}
    >
      <svg
        className="tc-thread-alert__icon"
        viewBox="0 0 16 16"
        width="16"
        height="16"
        aria-hidden="true"
        focusable="false"
      >
        <path
          d="M8 1.5 15 14H1z M8 6v3.5 M8 11.5v.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinejoin="round"
        />
      </svg>
      <span className={compact ? 'tc-visually-hidden' : 'tc-thread-alert__message'}>{message}</span>
      {onRetry && (
        <button type="button" className="tc-thread-alert__retry" onClick={onRetry}>
          {retryLabel ?? getBadgeStrings(locale).retry}
        </button>
      )}
      {children}
    </div>
  );
}
