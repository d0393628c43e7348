import type { MouseEvent } from 'react';
import { getBadgeStrings } from '../i18n/badgeStrings.ts';

export interface ThreadAlertProps {
  /** What went wrong, already in the user's language. */
  message: string;
  onRetry?: ((event: MouseEvent<HTMLButtonElement>) => void) | undefined;
  /** Default: the catalog's "Retry". */
  retryLabel?: string | undefined;
  /** Shows a "Dismiss" button (named by the catalog). Default: none, the alert stays until resolved. */
  onDismiss?: (() => void) | undefined;
  locale?: string | undefined;
  /** One line for tight places (a nav bar): icon and Retry, the message read out and shown as a tooltip. */
  compact?: boolean | undefined;
  className?: string | undefined;
}

/** An error the user should hear at once (role="alert"), with an optional retry. */
export function ThreadAlert(props: ThreadAlertProps) {
  const { message, onRetry, retryLabel, locale, compact, className, onDismiss } = props;
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
      {onDismiss && (
        <button
          type="button"
          className="tc-thread-alert__dismiss"
          aria-label={getBadgeStrings(locale).dismiss}
          title={getBadgeStrings(locale).dismiss}
          onClick={onDismiss}
        >
          <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
            <path
              d="M3.5 3.5l9 9M12.5 3.5l-9 9"
              stroke="currentColor"
              strokeWidth="1.75"
              strokeLinecap="round"
            />
          </svg>
        </button>
      )}
    </div>
  );
}
