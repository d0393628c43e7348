import {
  type ComponentType,
  forwardRef,
  type RefObject,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Attachment } from '../../client/types.ts';
import type { ThreadMessage } from '../../query/types.ts';
import { ChatErrorBoundary, type ChatErrorInfo } from '../ChatErrorBoundary/ChatErrorBoundary.tsx';
import { dayKeyOf } from '../i18n/format.ts';
import { getStrings, resolveLocale } from '../i18n/locale.ts';
import { useIsomorphicLayoutEffect } from '../shared/hydration.ts';
import { describeBatch } from './announce.ts';
import { normalizeMessages, originalOf } from './normalizeMessages.ts';
import { PlainRows } from './PlainRows.tsx';
import type { RowsHandle } from './rowsHandle.ts';
import { type StableLayout, updateThreadLayout } from './stableLayout.ts';
import { ThreadRowView } from './ThreadRowView.tsx';
import type { ThreadDiff } from './threadDiff.ts';
import { rowsBeforeVirtualizer, type ThreadRow } from './threadLayout.ts';
import { useDayClock } from './useDayClock.ts';
import { useThreadScroll } from './useThreadScroll.ts';
import { useViewerTimeZone } from './useViewerTimeZone.ts';
import type { VirtualRowsProps } from './VirtualRows.tsx';

export interface MessageThreadHandle {
  /** Jump to the newest message (e.g. after the composer sends). */
  scrollToBottom(): void;
  /**
   * Whether the view shows the newest message and follows it: false while the reader is scrolled up, while
   * a thread that opened at its unread separator has unread messages below the fold, and while the thread's
   * end is not on screen (display:none, a closed <details>, scrolled off the page, visibility:hidden or
   * opacity 0 where the engine has `checkVisibility`). Without IntersectionObserver: the first two only.
   */
  isAtEnd(): boolean;
}

export interface MessageThreadProps {
  /** The whole thread so far, oldest first. */
  messages: readonly ThreadMessage[];
  /** Language tag, e.g. 'en-US' or 'zh-cn' (default zh-CN). */
  locale?: string | undefined;
  /** The VIEWER's IANA time zone for day separators and times; default the browser's. */
  timeZone?: string | undefined;
  /** Makes attachments buttons; called with the attachment and its message. */
  onAttachmentClick?: ((attachment: Attachment, message: ThreadMessage) => void) | undefined;
  /** Attachment ids whose download is in progress (their chips show busy). */
  busyAttachmentIds?: readonly string[] | undefined;
  /** Key of the first unread message: an "unread" separator goes before it. */
  unreadFromKey?: string | null | undefined;
  /** Asks for older messages (button at the top, or scrolling near the top). */
  onLoadOlder?: (() => void) | undefined;
  hasOlder?: boolean | undefined;
  isLoadingOlder?: boolean | undefined;
  /** Shows a retry button on messages whose delivery failed. */
  onRetry?: ((message: ThreadMessage) => void) | undefined;
  /** Shows a discard button on messages whose delivery failed. Default: none. */
  onDiscard?: ((message: ThreadMessage) => void) | undefined;
  /**
   * Called when the view starts or stops showing the newest message (the handle's `isAtEnd`): `TicketChat`
   * marks a ticket read only once its reader can see the end. Default: none.
   */
  onAtEndChange?: ((atEnd: boolean) => void) | undefined;
  /** Any change of this value scrolls to the bottom (alternative to the ref's scrollToBottom). */
  scrollToBottomSignal?: unknown;
  className?: string | undefined;
  /** Fixed clock (tests, stories); default the live time, checked every minute for a new day. */
  now?: Date | undefined;
  /**
   * Virtualize when the thread has more rows (messages and separators) than this: at or below it every row
   * is in the DOM (a short thread that about fits the view), above it the rows near the view. Default 40.
   */
  virtualizeAfter?: number | undefined;
  /** Same sender within this window (and day) forms a group. Default 5 minutes. */
  groupWindowMs?: number | undefined;
  /**
   * Called with any error thrown while rendering the thread. The thread is then replaced by an alert
   * with a Retry (the rest of the page keeps working); React also logs the error. Default: none.
   */
  onError?: ((error: unknown, info: ChatErrorInfo) => void) | undefined;
}

const DEFAULT_VIRTUALIZE_AFTER = 40;

/** The busy ids among one message's attachments, joined ('' for almost every row). */
function busyIdsOf(message: ThreadMessage, busy: ReadonlySet<string>): string {
  if (busy.size === 0 || message.attachments.length === 0) return '';
  return message.attachments
    .filter((a) => busy.has(a.id))
    .map((a) => a.id)
    .join('\n');
}

// The virtualizer chunk, once loaded, for every thread on the page.
let loadedVirtualRows: ComponentType<VirtualRowsProps> | null = null;
let loadingVirtualRows: Promise<ComponentType<VirtualRowsProps>> | null = null;
function loadVirtualRows(): Promise<ComponentType<VirtualRowsProps>> {
  loadingVirtualRows ??= import('./VirtualRows.tsx').then((m) => {
    loadedVirtualRows = m.default;
    return m.default;
  });
  return loadingVirtualRows;
}

/**
 * The message list of one ticket: day and unread separators in the viewer's zone, sender groups, links,
 * attachments, delivery states, and scrolling that keeps the reader's place. Presentational: data in,
 * callbacks out.
 *
 * The scroller is role="log" with aria-live="off": a log's implicit live region would re-read rows the
 * virtualizer mounts while scrolling and whole pages of prepended history. Instead a separate polite live
 * region receives one short sentence per batch of new messages, and one when a send fails.
 *
 * `forwardRef`, not a `ref` prop: React 18 strips `ref` from props, so the handle would never attach there.
 */
export const MessageThread = forwardRef<MessageThreadHandle, MessageThreadProps>(
  function MessageThread(props, ref) {
    // After a successful Retry the alert's button is gone: focus goes to the thread it brought back.
    const focusRef = useRef<(() => void) | null>(null);
    return (
      <ChatErrorBoundary onError={props.onError} locale={props.locale} onRecover={() => focusRef.current?.()}>
        <ThreadView {...props} ref={ref} focusRef={focusRef} />
      </ChatErrorBoundary>
    );
  },
);

const ThreadView = forwardRef<
  MessageThreadHandle,
  MessageThreadProps & { focusRef: RefObject<(() => void) | null> }
>(function ThreadView(props, ref) {
  const {
    unreadFromKey,
    onLoadOlder,
    hasOlder = false,
    isLoadingOlder = false,
    className,
    virtualizeAfter = DEFAULT_VIRTUALIZE_AFTER,
    groupWindowMs,
  } = props;
  const timeZone = useViewerTimeZone(props.timeZone);
  const locale = resolveLocale(props.locale);
  const strings = getStrings(locale);
  // Untyped callers may pass null fields or Invalid Dates; well-formed lists pass through unchanged.
  const messages = useMemo(() => normalizeMessages(props.messages), [props.messages]);

  const now = useDayClock(props.now, timeZone);
  const todayKey = dayKeyOf(now, timeZone);

  // Builds on the previous layout: unchanged rows keep their objects, so memoized rows skip re-rendering.
  const layoutRef = useRef<StableLayout | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when the DAY changes, not every tick
  const rows = useMemo(() => {
    layoutRef.current = updateThreadLayout(layoutRef.current, messages, {
      timeZone,
      now,
      unreadFromKey,
      groupWindowMs,
    });
    return layoutRef.current.rows;
  }, [messages, timeZone, todayKey, unreadFromKey, groupWindowMs]);
  // Day labels need the clock only for the year: a value that changes once a day, not every tick.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the day, not the tick, decides
  const dayNow = useMemo(() => now, [todayKey]);

  // Long threads: load the virtualizer; until it is here, render the newest rows only.
  const wantsVirtual = rows.length > virtualizeAfter;
  const [VirtualRows, setVirtualRows] = useState(() => loadedVirtualRows);
  useEffect(() => {
    if (!wantsVirtual || VirtualRows) return;
    let live = true;
    loadVirtualRows().then((component) => live && setVirtualRows(() => component));
    return () => {
      live = false;
    };
  }, [wantsVirtual, VirtualRows]);
  // The list type changes in its own commit, after the rows change was handled in the old one: each
  // commit then has one thing to keep the reader's place through.
  const targetMode: 'plain' | 'virtual' = wantsVirtual && VirtualRows ? 'virtual' : 'plain';
  const [mode, setMode] = useState(targetMode);
  useIsomorphicLayoutEffect(() => {
    if (mode !== targetMode) setMode(targetMode);
  }, [mode, targetMode]);
  const shownRows = mode === 'plain' && wantsVirtual ? rowsBeforeVirtualizer(rows, virtualizeAfter) : rows;

  const sayRef = useRef<((text: string) => void) | null>(null);
  const onBatch = useCallback(
    (diff: ThreadDiff) => {
      // A failed send shows only as a row state, which a screen reader would not notice: say it once.
      const failed = diff.failed > 0 ? strings.announceSendFailed : null;
      const arrived = describeBatch(diff.arrived, strings);
      const text = failed && arrived ? `${failed} ${arrived}` : (failed ?? arrived);
      if (text) sayRef.current?.(text);
    },
    [strings],
  );

  const viewportRef = useRef<HTMLDivElement | null>(null);
  const contentRef = useRef<HTMLDivElement | null>(null);
  const endRef = useRef<HTMLDivElement | null>(null);
  const handleRef = useRef<RowsHandle | null>(null);
  const canLoadOlder = hasOlder && !isLoadingOlder && onLoadOlder !== undefined;
  const { unseen, scrollToBottom, isAtEnd } = useThreadScroll({
    viewportRef,
    contentRef,
    endRef,
    handleRef,
    messages,
    mode,
    canLoadOlder,
    unreadFromKey,
    onLoadOlder,
    onBatch,
    onAtEndChange: props.onAtEndChange,
  });
  useImperativeHandle(ref, () => ({ scrollToBottom, isAtEnd }), [scrollToBottom, isAtEnd]);

  const signal = props.scrollToBottomSignal;
  const signalRef = useRef(signal);
  useEffect(() => {
    if (Object.is(signalRef.current, signal)) return;
    signalRef.current = signal;
    scrollToBottom();
  }, [signal, scrollToBottom]);

  // Stable callbacks so memoized rows don't re-render when the parent passes new closures.
  const callbacks = useRef(props);
  callbacks.current = props;
  const onAttachmentClick = useCallback(
    (a: Attachment, m: ThreadMessage) => callbacks.current.onAttachmentClick?.(originalOf(a), originalOf(m)),
    [],
  );
  const onRetry = useCallback((m: ThreadMessage) => callbacks.current.onRetry?.(originalOf(m)), []);
  const hasAttachmentClick = props.onAttachmentClick !== undefined;
  const hasRetry = props.onRetry !== undefined;
  const onDiscard = useCallback((m: ThreadMessage) => callbacks.current.onDiscard?.(originalOf(m)), []);
  const hasDiscard = props.onDiscard !== undefined;
  const busyKey = (props.busyAttachmentIds ?? []).join('\n');
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by content, not by the caller's array
  const busyIds = useMemo(() => new Set(props.busyAttachmentIds ?? []), [busyKey]);

  const renderRow = useCallback(
    (row: ThreadRow) => {
      // Every prop is stable for a row that did not change, so `memo` skips it: the clock goes only to
      // dated day labels (for the year), busy ids only to the row that holds them.
      const rowNow = row.kind === 'day' && row.relativeDay === null ? dayNow : undefined;
      return (
        <ThreadRowView
          row={row}
          locale={locale}
          strings={strings}
          timeZone={timeZone}
          now={rowNow}
          onAttachmentClick={hasAttachmentClick ? onAttachmentClick : undefined}
          onRetry={hasRetry ? onRetry : undefined}
          onDiscard={hasDiscard ? onDiscard : undefined}
          busyAttachmentIds={row.kind === 'message' ? busyIdsOf(row.message, busyIds) : ''}
        />
      );
    },
    [
      locale,
      strings,
      timeZone,
      dayNow,
      hasAttachmentClick,
      onAttachmentClick,
      hasRetry,
      onRetry,
      hasDiscard,
      onDiscard,
      busyIds,
    ],
  );

  const jump = () => {
    scrollToBottom();
    viewportRef.current?.focus({ preventScroll: true });
  };
  props.focusRef.current = () => viewportRef.current?.focus({ preventScroll: true });

  return (
    <div className={className ? `tc-thread ${className}` : 'tc-thread'} data-mode={mode}>
      <div
        ref={viewportRef}
        className="tc-thread__viewport"
        role="log"
        aria-live="off"
        aria-label={strings.threadLabel}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
      >
        <div className="tc-thread__top" data-has-older={(hasOlder && onLoadOlder !== undefined) || undefined}>
          {hasOlder && onLoadOlder && (
            <button
              type="button"
              className="tc-thread__older"
              aria-disabled={isLoadingOlder || undefined}
              data-loading={isLoadingOlder || undefined}
              onClick={() => {
                if (!isLoadingOlder) onLoadOlder();
              }}
            >
              {isLoadingOlder ? strings.loadingOlder : strings.loadOlder}
            </button>
          )}
        </div>
        {messages.length === 0 && <p className="tc-thread__empty">{strings.threadEmpty}</p>}
        {mode === 'virtual' && VirtualRows ? (
          <VirtualRows
            rows={rows}
            viewportRef={viewportRef}
            contentRef={contentRef}
            handleRef={handleRef}
            renderRow={renderRow}
          />
        ) : (
          <PlainRows rows={shownRows} contentRef={contentRef} renderRow={renderRow} />
        )}
        <div ref={endRef} className="tc-thread__end" />
      </div>
      {unseen > 0 && (
        <button type="button" className="tc-thread__jump" onClick={jump}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d="M8 3v10M3.5 8.5 8 13l4.5-4.5" fill="none" stroke="currentColor" strokeWidth="1.75" />
          </svg>
          {strings.newMessagesBelow(unseen)}
        </button>
      )}
      <LiveRegion sayRef={sayRef} />
    </div>
  );
});

/**
 * The polite live region. Its own state: a batch's sentence re-renders this node, not the thread. A new
 * span per sentence, so an identical sentence for a new batch is announced again.
 */
function LiveRegion({ sayRef }: { sayRef: RefObject<((text: string) => void) | null> }) {
  const [announcement, setAnnouncement] = useState<{ id: number; text: string } | null>(null);
  useImperativeHandle(
    sayRef,
    () => (text: string) => setAnnouncement((a) => ({ id: (a?.id ?? 0) + 1, text })),
    [],
  );
  return (
    <div className="tc-visually-hidden" aria-live="polite" aria-atomic="true">
      {announcement && <span key={announcement.id}>{announcement.text}</span>}
    </div>
  );
}
