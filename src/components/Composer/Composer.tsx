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
import { createPortal } from 'react-dom';
import { attachmentsContent } from '../../client/attachmentContent.ts';
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
const NO_FILES: PendingSnapshot = { items: [], busy: false, failed: false, attachments: [], refusals: [] };
const noFiles = () => NO_FILES;
const hasFiles = (event: DragEvent) => !!event.dataTransfer?.types.includes('Files');

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
  const uploadsRef = useRef<Uploads | null>(null);
  const [uploads, setUploads] = useState<Uploads | null>(null);
  const files = useSyncExternalStore(
    uploads?.store.subscribe ?? noSubscribe,
    uploads?.store.getSnapshot ?? noFiles,
    uploads?.store.getSnapshot ?? noFiles,
  );
  const { items, busy, failed, attachments } = files;
  // Unmount aborts every upload and revokes every thumbnail URL.
  useEffect(
    () => () => {
      uploadsRef.current?.store.dispose();
      uploadsRef.current = null;
    },
    [],
  );
  // The upload UI and its store, made on the first attach or drag.
  const loadUploads = () =>
    loadUploadUi().then((ui) => {
      uploadsRef.current ??= { ui, store: ui.createAttachmentStore(() => uploaderRef.current, SHARED_KIT) };
      setUploads(uploadsRef.current);
      return uploadsRef.current.store;
    });
  const addFiles = (files: File[]) => {
    if (files.length && canAttach) void loadUploads().then((store) => store.add(files));
  };
  const addFilesRef = useRef(addFiles);
  addFilesRef.current = addFiles;
  const loadUploadsRef = useRef(loadUploads);
  loadUploadsRef.current = loadUploads;

  const [dragging, setDragging] = useState(false);
  const [dropTarget, setDropTarget] = useState<HTMLElement | null>(null);
  useEffect(() => {
    const target = dropTargetRef?.current ?? formRef.current;
    setDropTarget(target);
    if (!target || !canAttach) return;
    // Enter/leave fire for every child crossed: count them (relatedTarget is not reliable in every engine).
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth += 1;
      setDragging(true);
      void loadUploadsRef.current();
    };
    const onLeave = (event: DragEvent) => {
      if (hasFiles(event) && --depth <= 0) {
        depth = 0;
        setDragging(false);
      }
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event) || !event.dataTransfer) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      addFilesRef.current([...(event.dataTransfer?.files ?? [])]);
    };
    const listeners = { dragenter: onEnter, dragleave: onLeave, dragover: onOver, drop: onDrop };
    for (const [type, listener] of Object.entries(listeners))
      target.addEventListener(type, listener as never);
    return () => {
      setDragging(false);
      for (const [type, listener] of Object.entries(listeners))
        target.removeEventListener(type, listener as never);
    };
  }, [dropTargetRef, canAttach]);

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const data = event.clipboardData;
    const files = [...data.files];
    // Office and spreadsheet copies carry text AND a picture of it: that is text to paste, not a file.
    if (
      !files.length ||
      (data.types.includes('text/plain') && files.every((f) => f.type.startsWith('image/')))
    )
      return;
    event.preventDefault();
    addFiles(files);
  };

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
      : failed
        ? 'failed'
        : text || items.length
          ? null
          : 'empty';
  // Send pressed while files upload: the message goes when they are done, or stays (text kept) if one fails.
  const [waiting, setWaiting] = useState(false);
  const showCounter = !disabled && remaining <= counterThreshold;
  // Disabled, over-limit, failed and waiting explain themselves on screen; "empty" only to the button.
  const reasonShown = disabled || over || failed || waiting;
  // Upload states only occur once the upload UI (and its strings) is loaded.
  const uploadStrings = uploads?.ui.uploadStrings(resolveLocale(props.locale));
  const reason = disabled
    ? (disabledReason ?? strings.composerUnavailable)
    : overText ||
      (failed
        ? uploadStrings?.uploadFailedHold
        : waiting
          ? uploadStrings?.waitingForUploads
          : blocked && strings.composerEmpty);

  const send = () => {
    if (busy && !blocked) setWaiting(true);
    else if (!blocked) {
      if (attachments.length) onSend(text || attachmentsContent(attachments), [...attachments]);
      else onSend(text);
      setValue('');
      uploads?.store.clear();
    }
    fieldRef.current?.focus();
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the uploads settle; `send` reads the latest render
  useEffect(() => {
    if (!waiting || busy) return;
    setWaiting(false);
    if (!failed) send();
  }, [waiting, busy]);
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
      data-waiting={waiting || undefined}
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
          aria-busy={waiting || undefined}
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
      {dragging &&
        dropTarget &&
        uploadStrings &&
        createPortal(
          <div className="tc-dropzone" aria-hidden="true">
            {uploadStrings.dropFiles}
          </div>,
          dropTarget,
        )}
    </form>
  );
});
