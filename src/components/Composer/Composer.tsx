import {
  type ClipboardEvent,
  forwardRef,
  type KeyboardEvent,
  type RefObject,
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { MAX_SEND_CONTENT_LENGTH } from '../../client/model.ts';
import type { Attachment } from '../../client/types.ts';
import { getStrings, resolveLocale } from '../i18n/locale.ts';
import { useIsomorphicLayoutEffect, useServerRendered } from '../shared/hydration.ts';
import { SHARED_KIT } from '../shared/kit.ts';
import type { AttachmentUploader, PendingSnapshot } from './attachmentTypes.ts';
import { useAutoGrow } from './useAutoGrow.ts';
import { useCoarsePointer } from './useCoarsePointer.ts';
import { useDraft } from './useDraft.ts';

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
export const MAX_MESSAGE_LENGTH = MAX_SEND_CONTENT_LENGTH;

export interface ComposerHandle {
  focus(): void;
}

export interface ComposerProps {
  /**
   * Called with the message, trimmed, and the uploaded attachments; once it returns (the message is
   * accepted) the field and the draft clear and the field keeps focus. If it throws, the text stays.
   * With attachments and no text, `content` is '' (`useSendMessage` then sends their names, see `sendContent`).
   */
  onSend: (content: string, attachments?: Attachment[]) => void;
  /**
   * Keeps the unsent text as a draft under this key (one per ticket and user): a composer given the key
   * again shows it. Default none (the text lives as long as the composer). Attachments are not kept.
   */
  draftKey?: string | undefined;
  /**
   * Also keeps drafts in `localStorage`, so they survive a reload (debounced writes; memory only where
   * storage is unavailable or full). Only for a `draftKey` that names the user. Default false.
   */
  persistDraft?: boolean | undefined;
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
   * No sending (e.g. the ticket is closed): a notice with `disabledReason` replaces the field and buttons.
   * A draft typed before stays readable and copyable (a read-only field). Default false.
   */
  disabled?: boolean | undefined;
  /** The notice's text while `disabled`. Default "Messages can't be sent right now." */
  disabledReason?: string | undefined;
  placeholder?: string | undefined;
  className?: string | undefined;
}

/**
 * Message field + send button. Enter sends, Shift+Enter adds a line, Enter that confirms an IME
 * composition does nothing; on a touch screen (coarse pointer) Enter adds a line and the button sends.
 * When sending is not possible (empty, over the limit) the button stays in the tab order, aria-disabled,
 * and says why through aria-describedby (the HTML `disabled` attribute would drop it from the tab order).
 * When `disabled`, a notice says why instead; a draft stays in a read-only, aria-disabled field that
 * describes the reason, and focus leaving a removed field lands on the notice, never on <body>.
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
  // The server's HTML is not operable until hydrated (the same markup on both, then the live composer):
  // text typed before would be lost at hydration, and a native submit would reload the page.
  const inert = useServerRendered();
  const [value, setValue, clearDraft] = useDraft(props.draftKey, props.persistDraft ?? false);
  const touch = useCoarsePointer();
  const fieldRef = useRef<HTMLTextAreaElement | null>(null);
  const noticeRef = useRef<HTMLDivElement | null>(null);
  const formRef = useRef<HTMLFormElement | null>(null);
  const inputRef = useRef<HTMLInputElement | null>(null);
  // Focus that must land once this commit is done: the field went (disabled with no draft) while it
  // had focus, or `focus()` was called mid-commit (a rescue while the field is being swapped in).
  const refocus = useRef(false);
  const setField = useCallback((element: HTMLTextAreaElement | null) => {
    // Detached before the element leaves the document, so it still knows whether it had focus.
    if (!element && fieldRef.current === document.activeElement) refocus.current = true;
    fieldRef.current = element;
  }, []);
  const focusInside = useCallback(() => (fieldRef.current ?? noticeRef.current)?.focus(), []);
  useIsomorphicLayoutEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    const active = document.activeElement;
    // Never taken back from where the user went meanwhile.
    if (!active || active === document.body || formRef.current?.contains(active)) focusInside();
  });
  useAutoGrow(fieldRef, value);
  useImperativeHandle(
    ref,
    () => ({
      focus: () => {
        focusInside();
        refocus.current = true;
      },
    }),
    [focusInside],
  );

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
  // Files were given to the store (or are on their way while its chunk loads): a send then goes through it.
  const storeAsked = useRef(false);
  // In call order (one chunk promise), so a Send pressed right after a pick reaches the store after the pick.
  const withStore = (use: (store: Uploads['store']) => void) => {
    if (!uploaderRef.current && !uploadsRef.current) return;
    storeAsked.current = true;
    loadUploadUi().then(
      (ui) => {
        uploadsRef.current ??= { ui, store: ui.createAttachmentStore(() => uploaderRef.current, SHARED_KIT) };
        setUploads(uploadsRef.current);
        use(uploadsRef.current.store);
      },
      () => {
        storeAsked.current = uploadsRef.current !== null;
      },
    );
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
  const draftNoteId = `${id}-draft-note`;

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
    clearDraft();
  };
  const send = () => {
    // With files, the store sends once they are uploaded (with the text typed by then); it also decides
    // "empty", as files picked just before may not have reached this render.
    if (storeAsked.current && (!blocked || blocked === 'empty'))
      withStore((store) => store.send(() => valueRef.current.trim(), finish));
    else if (!blocked) finish(text);
    fieldRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // On a touch screen Enter is the soft keyboard's only way to a new line: the button sends.
    if (touch || event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey)
      return;
    // Enter that commits an IME candidate (Chinese, Japanese…) must not send. keyCode 229: Safari.
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    send();
  };

  // Disabled with no draft: only the notice (an empty read-only box would look like a broken composer).
  const hasField = !disabled || value !== '';
  const describedBy = disabled
    ? `${reasonId} ${draftNoteId}`
    : [hintId, showCounter && counterId, reasonShown && reasonId].filter(Boolean).join(' ');

  return (
    <form
      ref={formRef}
      className={className ? `tc-composer ${className}` : 'tc-composer'}
      data-disabled={disabled || undefined}
      data-over-limit={over || undefined}
      data-waiting={files.waiting || undefined}
      data-touch={touch || undefined}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {hasField && (
        <label className="tc-visually-hidden" htmlFor={`${id}-field`}>
          {strings.composerLabel}
        </label>
      )}
      {disabled && (
        // Focusable from script only: it takes focus when the field it replaces had it.
        <div ref={noticeRef} id={reasonId} className="tc-composer__notice" tabIndex={-1}>
          <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
            <rect
              x="4"
              y="9"
              width="12"
              height="8.5"
              rx="1.8"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
            />
            <path d="M6.8 9V6.6a3.2 3.2 0 0 1 6.4 0V9" fill="none" stroke="currentColor" strokeWidth="1.6" />
          </svg>
          <span>{reason}</span>
        </div>
      )}
      {uploads && (
        <uploads.ui.PendingAttachments
          snapshot={files}
          store={uploads.store}
          locale={resolveLocale(props.locale)}
          kit={SHARED_KIT}
          dropTarget={dropTarget}
        />
      )}
      {hasField && (
        <div className="tc-composer__box">
          {uploader && !disabled && (
            <>
              <button
                type="button"
                className="tc-composer__attach"
                aria-label={strings.attachFiles}
                title={strings.attachFiles}
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
            ref={setField}
            id={`${id}-field`}
            className="tc-composer__field"
            rows={1}
            value={value}
            placeholder={disabled ? undefined : (props.placeholder ?? strings.composerPlaceholder)}
            readOnly={disabled || inert}
            // A soft keyboard labels its Enter key: "send" where Enter sends, a plain return on touch.
            enterKeyHint={touch ? 'enter' : 'send'}
            aria-disabled={disabled || undefined}
            aria-invalid={over || undefined}
            aria-describedby={describedBy}
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
          />
          {!disabled && (
            <button
              // No submit button before hydration: the form cannot submit natively.
              type={inert ? 'button' : 'submit'}
              className="tc-composer__send"
              aria-disabled={inert || !!blocked || undefined}
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
          )}
        </div>
      )}
      {disabled ? (
        hasField && (
          <p id={draftNoteId} className="tc-composer__draft-note">
            {strings.composerDraftKept}
          </p>
        )
      ) : (
        <div className="tc-composer__footer">
          <span
            id={reasonId}
            className={reasonShown ? 'tc-composer__reason' : 'tc-visually-hidden'}
            data-kind={blocked || undefined}
          >
            {reason}
          </span>
          <span id={hintId} className="tc-composer__hint">
            {touch ? strings.composerHintTouch : strings.composerHint}
          </span>
          {showCounter && (
            <span id={counterId} className="tc-composer__counter" data-over={over || undefined}>
              {over ? strings.charactersOver(-remaining) : strings.charactersLeft(remaining)}
            </span>
          )}
        </div>
      )}
      {/* Said once when the message goes over the limit (the counter itself is not live: it changes per key). */}
      <div className="tc-visually-hidden" aria-live="polite">
        {overText}
      </div>
    </form>
  );
});
