import { getStrings } from '../i18n/locale.ts';
import { RetryAlert, type RetryAlertProps } from './RetryAlert.tsx';

export interface ThreadAlertProps extends Omit<RetryAlertProps, 'children'> {
  /** Shows a "Dismiss" button (named by the catalog). Default: none, the alert stays until resolved. */
  onDismiss?: (() => void) | undefined;
}

/** An error the user should hear at once (role="alert"), with an optional retry and an optional dismiss. */
export function ThreadAlert({ onDismiss, ...props }: ThreadAlertProps) {
  const dismiss = getStrings(props.locale).dismiss;
  return (
    <RetryAlert {...props}>
      {onDismiss && (
        <button
          type="button"
          className="tc-thread-alert__dismiss"
          aria-label={dismiss}
          title={dismiss}
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
    </RetryAlert>
  );
}
