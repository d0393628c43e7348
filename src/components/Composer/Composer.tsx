import { forwardRef, type KeyboardEvent, useId, useImperativeHandle, useRef, useState } from 'react';
import { getStrings } from '../i18n/locale.ts';
import { useAutoGrow } from './useAutoGrow.ts';

/** The service's limit on a message's length (UTF-16 code units, as `String.length` counts). */
export const MAX_MESSAGE_LENGTH = 2000;

export interface ComposerHandle {
  focus(): void;
}

export interface ComposerProps {
  /** Called with the message, trimmed; the field then clears and keeps focus. */
  onSend: (content: string) => void;
  /** Language tag, e.g. 'en-US' or 'zh-cn' (default zh-CN). */
  locale?: string | undefined;
  /** Default 2000. */
  maxLength?: number | undefined;
  /** The counter shows once this few characters (or fewer) are left. Default 200. */
  counterThreshold?: number | undefined;
  /**
   * No sending (e.g. the ticket is closed); `disabledReason` tells the user why. Field and button stay
   * focusable (read-only, aria-disabled) and describe the reason.
   */
  disabled?: boolean | undefined;
  /** Shown under the field while `disabled`, and the description of the field and the button. */
  disabledReason?: string | undefined;
  placeholder?: string | undefined;
  className?: string | undefined;
}

/**
 * Message field + send button. Enter sends, Shift+Enter adds a line, Enter that confirms an IME
 * composition does nothing. Neither ever leaves the tab order: when sending is not possible (empty, over
 * the limit, `disabled`) the button is aria-disabled and says why through aria-describedby; when `disabled`
 * the field is read-only and aria-disabled and describes the reason too, so keyboard and screen-reader
 * users find out why instead of meeting a control that silently vanished. (The HTML `disabled` attribute
 * would drop both from the tab order and leave the reason tied to nothing focusable.)
 *
 * `forwardRef`, not a `ref` prop: React 18 strips `ref` from props, so the handle would never attach there.
 */
export const Composer = forwardRef<ComposerHandle, ComposerProps>(function Composer(props, ref) {
  const {
    onSend,
    maxLength = MAX_MESSAGE_LENGTH,
    counterThreshold = 200,
    disabled = false,
    disabledReason,
    className,
  } = props;
  const strings = getStrings(props.locale);
  const [value, setValue] = useState('');
  const fieldRef = useRef<HTMLTextAreaElement | null>(null);
  useAutoGrow(fieldRef, value);
  useImperativeHandle(ref, () => ({ focus: () => fieldRef.current?.focus() }), []);

  const id = useId();
  const hintId = `${id}-hint`;
  const counterId = `${id}-counter`;
  const reasonId = `${id}-reason`;

  const remaining = maxLength - value.length;
  const over = remaining < 0;
  const overText = over ? strings.composerOverLimit(maxLength) : '';
  const blocked = disabled ? 'disabled' : over ? 'over' : value.trim() ? null : 'empty';
  const showCounter = !disabled && remaining <= counterThreshold;
  // Disabled and over-limit explain themselves on screen; "empty" only to the send button's description.
  const reasonShown = disabled || over;
  const reason = disabled
    ? (disabledReason ?? strings.composerUnavailable)
    : overText || (blocked && strings.composerEmpty);

  const send = () => {
    if (!blocked) {
      onSend(value.trim());
      setValue('');
    }
    fieldRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    // Enter that commits an IME candidate (Chinese, Japanese…) must not send. keyCode 229: Safari.
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    send();
  };

  const describedBy = [!disabled && hintId, showCounter && counterId, reasonShown && reasonId]
    .filter(Boolean)
    .join(' ');

  return (
    <form
      className={className ? `tc-composer ${className}` : 'tc-composer'}
      data-disabled={disabled || undefined}
      data-over-limit={over || undefined}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label className="tc-visually-hidden" htmlFor={`${id}-field`}>
        {strings.composerLabel}
      </label>
      <div className="tc-composer__box">
        <textarea
          ref={fieldRef}
          id={`${id}-field`}
          className="tc-composer__field"
          rows={1}
          value={value}
          // "Write a message…" would invite typing where none is possible; the reason shows below.
          placeholder={disabled ? undefined : (props.placeholder ?? strings.composerPlaceholder)}
          readOnly={disabled}
          aria-disabled={disabled || undefined}
          aria-invalid={over || undefined}
          aria-describedby={describedBy}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button
          type="submit"
          className="tc-composer__send"
          aria-disabled={!!blocked || undefined}
          aria-describedby={reason ? reasonId : undefined}
        >
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
            <path
              d="M3 10 17 3l-4 14-3.2-5.8z M9.8 11.2 17 3"
              fill="currentColor"
              stroke="currentColor"
              strokeWidth="1.2"
              strokeLinejoin="round"
            />
          </svg>
          <span className="tc-composer__send-label">{strings.send}</span>
        </button>
      </div>
      <div className="tc-composer__footer">
        <span
          id={reasonId}
          className={reasonShown ? 'tc-composer__reason' : 'tc-visually-hidden'}
          data-kind={blocked || undefined}
        >
          {reason}
        </span>
        {!disabled && (
          <span id={hintId} className="tc-composer__hint">
            {strings.composerHint}
          </span>
        )}
        {showCounter && (
          <span id={counterId} className="tc-composer__counter" data-over={over || undefined}>
            {over ? strings.charactersOver(-remaining) : strings.charactersLeft(remaining)}
          </span>
        )}
      </div>
      {/* Said once when the message goes over the limit (the counter itself is not live: it changes per key). */}
      <div className="tc-visually-hidden" aria-live="polite">
        {overText}
      </div>
    </form>
  );
});
