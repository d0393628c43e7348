import { Component, type ErrorInfo, type MouseEvent, type ReactNode } from 'react';
import { getBadgeStrings } from '../i18n/badgeStrings.ts';
import type { TicketChatStrings } from '../i18n/strings.ts';
import { RetryAlert } from '../MessageThread/RetryAlert.tsx';

/** What `onError` receives besides the error: React's component stack, where the engine gives one. */
export interface ChatErrorInfo {
  componentStack?: string | null | undefined;
}

export interface ChatErrorBoundaryProps {
  children: ReactNode;
  /** Called once for every render error caught here (React also logs it to the console). */
  onError?: ((error: unknown, info: ChatErrorInfo) => void) | undefined;
  /** Language of the alert. Default zh-CN. */
  locale?: string | undefined;
  /** The catalog string the alert says. Default `renderFailed` ("Couldn't show the conversation."). */
  message?: keyof Pick<TicketChatStrings, 'renderFailed' | 'unreadFailed'> | undefined;
  /** A one-line alert for tight places (a nav bar): icon and Retry, the message as the button's title. */
  compact?: boolean | undefined;
  /** Called after Retry rendered the children again, if focus was on Retry (it went away with the alert). */
  onRecover?: (() => void) | undefined;
  /** Any change of this value clears the error (e.g. another ticket). */
  resetKey?: unknown;
}

interface State {
  error: { value: unknown } | null;
  resetKey: unknown;
}

/**
 * Keeps a render error inside the widget: the children are replaced by an alert (role="alert") with a
 * Retry, the rest of the host page stays, and the error goes to `onError`, never swallowed.
 */
export class ChatErrorBoundary extends Component<ChatErrorBoundaryProps, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };
  private refocus = false;

  static getDerivedStateFromError(error: unknown): Partial<State> {
    // Wrapped: `throw undefined` is still an error.
    return { error: { value: error } };
  }

  static getDerivedStateFromProps(props: ChatErrorBoundaryProps, state: State): Partial<State> | null {
    return Object.is(props.resetKey, state.resetKey) ? null : { resetKey: props.resetKey, error: null };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    this.props.onError?.(error, { componentStack: info.componentStack });
  }

  override componentDidUpdate() {
    if (!this.refocus || this.state.error) return;
    this.refocus = false;
    const active = document.activeElement;
    if (active === null || active === document.body) this.props.onRecover?.();
  }

  private retry = (event: MouseEvent<HTMLButtonElement>) => {
    // A badge's alert may sit inside the portal's link: Retry must not follow it.
    event.preventDefault();
    this.refocus = event.currentTarget.ownerDocument.activeElement === event.currentTarget;
    this.setState({ error: null });
  };

  override render() {
    if (!this.state.error) return this.props.children;
    const { locale, compact } = this.props;
    return (
      <RetryAlert
        className="tc-error-boundary"
        message={getBadgeStrings(locale)[this.props.message ?? 'renderFailed']}
        onRetry={this.retry}
        locale={locale}
        compact={compact}
      />
    );
  }
}
