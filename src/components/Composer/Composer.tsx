import {
  type ClipboardEvent,
  forwardRef,
  type KeyboardEvent,
  type RefObject,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { Attachment } from '../../client/types.ts';
import { getStrings, resolveLocale } from '../i18n/locale.ts';
import { SHARED_KIT } from '../shared/kit.ts';
import type { AttachmentUploader, PendingSnapshot } from './attachmentTypes.ts';
import { useAutoGrow } from './useAutoGrow.ts';

type UploadUi = typeof import('../PendingAttachments/index.ts');
type Uploads = { ui: UploadUi; store: ReturnType<UploadUi['createAttachmentStore']> };
// The upload UI (list, limits, uploads) is a lazy chunk: the first attach, paste, drop or drag loads it.
let uploadUi: Promise<UploadUi> | undefined;
const loadUploadUi = () => {
  uploadUi ??= import('../PendingAttachments/index.ts');
  uploadUi.catch(() => {
    uploadUi = undefined;
  });
  return uploadUi;
};
const noSubscribe = () => () => {};
const NO_FILES: PendingSnapshot = {
  items: [],
  busy: false,
  failed: false,
  waiting: false,
  dragging: false,
  attachments: [],
  refusals: [],
};
const noFiles = () => NO_FILES;

/** The service's limit on a message's length (UTF-16 code units, as `String.length` counts). */
export const MAX_MESSAGE_LENGTH = 2000;

export interface ComposerHandle {
  focus(): void;
}

export interface ComposerProps {
  /**
   * Called with the message, trimmed, and the uploaded attachments; the field then clears and keeps focus.
   * With attachments and no text, `content` is their names (the service requires content).
   */
  onSend: (content: string, attachments?: Attachment[]) => void;
  /**
   * Turns on attachments: an "Attach files" button, pasted and dropped files, each checked against the
   * service's limits and uploaded before the send. Default none (text only).
   */
  uploader?: AttachmentUploader | undefined;
  /** Where files may be dropped (a drop zone shows over it while dragging). Default the composer itself. */
  dropTargetRef?: RefObject<HTMLElement | null> | undefined;
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
  const formRef = useRef<HTMLFormElement | null>(null);
  const inputRef = useRef<HTMLInputElement | null>(null);
  useAutoGrow(fieldRef, value);
  useImperativeHandle(ref, () => ({ focus: () => fieldRef.current?.focus() }), []);

  const { uploader, dropTargetRef } = props;
  const uploaderRef = useRef(uploader);
  uploaderRef.current = uploader;
  const canAttach = uploader !== undefined && !disabled;
  // The upload UI and its store (files, progress, drag state, a send waiting for uploads), made on the
  // first attach or drag; the composer reads its snapshot.
  const uploadsRef = useRef<Uploads | null>(null);
  const [uploads, setUploads] = useState<Uploads | null>(null);
  const files = useSyncExternalStore(
    uploads?.store.subscribe ?? noSubscribe,
    uploads?.store.getSnapshot ?? noFiles,
    uploads?.store.getSnapshot ?? noFiles,
  );
  // Unmount aborts every upload and revokes every thumbnail URL.
  useEffect(
    () => () => {
      uploadsRef.current?.store.dispose();
      uploadsRef.current = null;
    },
    [],
  );
  const withStore = (use: (store: Uploads['store']) => void) => {
    if (!uploaderRef.current) return;
    void loadUploadUi().then((ui) => {
      uploadsRef.current ??= { ui, store: ui.createAttachmentStore(() => uploaderRef.current, SHARED_KIT) };
      setUploads(uploadsRef.current);
      use(uploadsRef.current.store);
    });
  };
  const addFiles = (list: File[]) => list.length > 0 && canAttach && withStore((store) => store.add(list));
  const withStoreRef = useRef(withStore);
  withStoreRef.current = withStore;

  const [dropTarget, setDropTarget] = useState<HTMLElement | null>(null);
  useEffect(() => {
    const target = dropTargetRef?.current ?? formRef.current;
    setDropTarget(target);
    if (!target || !canAttach) return;
    // What must happen at once: accepting the drag, and taking the files (readable only during the drop).
    const onDrag = (event: DragEvent) => {
      const data = event.dataTransfer;
      if (!data?.types.includes('Files')) return;
      if (event.type !== 'dragleave') event.preventDefault();
      const dropped = event.type === 'drop' ? [...data.files] : [];
      withStoreRef.current((store) => store.drag(event.type, dropped));
    };
    const types = ['dragenter', 'dragleave', 'dragover', 'drop'] as const;
    for (const type of types) target.addEventListener(type, onDrag);
    return () => {
      for (const type of types) target.removeEventListener(type, onDrag);
      uploadsRef.current?.store.drag('dragend', []);
    };
  }, [dropTargetRef, canAttach]);

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const data = event.clipboardData;
    const pasted = [...data.files];
    // Office and spreadsheet copies carry text AND a picture of it: that is text to paste, not a file.
    if (
      !pasted.length ||
      (data.types.includes('text/plain') && pasted.every((f) => f.type.startsWith('image/')))
    )
      return;
    event.preventDefault();
    addFiles(pasted);
  };
  const valueRef = useRef(value);
  valueRef.current = value;

  const id = useId();
  const hintId = `${id}-hint`;
  const counterId = `${id}-counter`;
  const reasonId = `${id}-reason`;

  const remaining = maxLength - value.length;
  const over = remaining < 0;
  const overText = over ? strings.composerOverLimit(maxLength) : '';
  const text = value.trim();
  const blocked = disabled
    ? 'disabled'
    : over
      ? 'over'
      : files.failed
        ? 'failed'
        : text || files.items.length
          ? null
          : 'empty';
  const showCounter = !disabled && remaining <= counterThreshold;
  // An upload holding the send (waiting, failed) says so with the upload UI's own words.
  const hold = uploads?.ui.holdReason(files, resolveLocale(props.locale));
  // Disabled, over-limit and a held send explain themselves on screen; "empty" only to the button.
  const reasonShown = disabled || over || !!hold;
  const reason = disabled
    ? (disabledReason ?? strings.composerUnavailable)
    : overText || hold || (blocked && strings.composerEmpty);

  const finish: ComposerProps['onSend'] = (...message) => {
    onSend(...message);
    setValue('');
  };
  const send = () => {
    // With files, the store sends once they are uploaded (with the text typed by then).
    if (!blocked) uploads ? uploads.store.send(() => valueRef.current.trim(), finish) : finish(text);
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
      ref={formRef}
      className={className ? `tc-composer ${className}` : 'tc-composer'}
      data-disabled={disabled || undefined}
      data-over-limit={over || undefined}
      data-waiting={files.waiting || undefined}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label className="tc-visually-hidden" htmlFor={`${id}-field`}>
        {strings.composerLabel}
      </label>
      {uploads && (
        <uploads.ui.PendingAttachments
          snapshot={files}
          store={uploads.store}
          locale={resolveLocale(props.locale)}
          kit={SHARED_KIT}
          dropTarget={dropTarget}
        />
      )}
      <div className="tc-composer__box">
        {uploader && (
          <>
            <button
              type="button"
              className="tc-composer__attach"
              aria-label={strings.attachFiles}
              title={strings.attachFiles}
              aria-disabled={disabled || undefined}
              aria-describedby={disabled ? reasonId : undefined}
              onClick={() => canAttach && inputRef.current?.click()}
            >
              <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
                <path
                  d="M13.5 6.5 7.8 12.2a1.6 1.6 0 0 0 2.3 2.3l6-6a3.2 3.2 0 0 0-4.6-4.6l-6 6a4.8 4.8 0 0 0 6.8 6.8l5.2-5.2"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.6"
                  strokeLinecap="round"
                />
              </svg>
            </button>
            <input
              ref={inputRef}
              className="tc-composer__files"
              type="file"
              multiple
              hidden
              tabIndex={-1}
              onChange={(event) => {
                addFiles([...(event.target.files ?? [])]);
                // The same file can be picked again after a remove.
                event.target.value = '';
              }}
            />
          </>
        )}
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
          onPaste={onPaste}
        />
        <button
          type="submit"
          className="tc-composer__send"
          aria-disabled={!!blocked || undefined}
          aria-busy={files.waiting || undefined}
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
