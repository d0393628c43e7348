/**
 * Hidden-page signals for support replies (the provider's opt-in `notify`): a count in the document title,
 * a dot on the favicon, and one system notification per burst. Loaded lazily by the provider.
 *
 * - The count is read from the cache (one owner): per thread, the support messages after the newest server
 *   message it held when the page hid; for a case without a thread, how far its unread count rose since.
 * - Cleared (title and icon restored exactly) when the page becomes visible again.
 * - A notification only when the user already granted permission (`requestNotificationPermission` is for
 *   the portal's own button), only from the polling leader, and only while its page is hidden: with
 *   cross-tab on, a hidden leader means no tab of the portal is visible. One per burst (until seen); the
 *   tag makes the system replace, not stack, what tabs without Web Locks show on their own.
 */
import { focusManager, hashKey, type QueryClient } from '@tanstack/react-query';
import { isThreadKey, ticketChatKeys } from './keys.ts';
import type { StoredMessage, ThreadEntry } from './threadEntry.ts';
import { isUnreadEntryKey } from './unreadEntryKey.ts';
import type { UnreadEntry } from './unreadQueries.ts';

/** What a notification is about: the newest support reply (when a thread brought it) and the count. */
export interface NotifyReply {
  /** New support messages since the page hid (what the title shows). */
  count: number;
  caseId: string;
  /** Absent when only an unread count rose (a badge's ticket, no thread shown). */
  replierName?: string | undefined;
  /** Plain text of the newest reply, cut to 140 characters. */
  content?: string | undefined;
}

export interface TicketChatNotifyOptions {
  /** A dot on the favicon while there are new replies. Default true. */
  favicon?: boolean | undefined;
  /** A system notification (only with permission already granted). Default true. */
  notification?: boolean | undefined;
  /**
   * The notification's title and plain-text body. Default: "New reply from support" /
   * "<name>: <text>", in Chinese unless the client's language is English.
   */
  notificationText?: ((reply: NotifyReply) => { title: string; body: string }) | undefined;
}

const PREVIEW_LENGTH = 140;

export function defaultNotificationText(language: string): (reply: NotifyReply) => {
  title: string;
  body: string;
} {
  const en = /^en([-_]|$)/i.test(language.trim());
  return ({ count, replierName, content }) => ({
    title: en ? 'New reply from support' : '客服有新回复',
    body:
      content !== undefined
        ? `${replierName ? `${replierName}: ` : ''}${content}`
        : en
          ? `${count} new ${count === 1 ? 'reply' : 'replies'}`
          : `${count} 条新回复`,
  });
}

/** "(2) Title", "(99+) Title" above 99 (as the badge); the portal's own title without a count. */
export const titleWithCount = (title: string, count: number): string =>
  count > 0 ? `(${count > 99 ? '99+' : count}) ${title}` : title;

// ---- the favicon

const ICON_SIZE = 32;

/** Draws `source` (or a neutral square when there is none) with a red dot at the top right. */
export function drawIconWithDot(canvas: HTMLCanvasElement, source: CanvasImageSource | null): string {
  canvas.width = ICON_SIZE;
  canvas.height = ICON_SIZE;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.clearRect(0, 0, ICON_SIZE, ICON_SIZE);
  if (source) context.drawImage(source, 0, 0, ICON_SIZE, ICON_SIZE);
  else {
    context.fillStyle = '#5f6b7a';
    context.fillRect(2, 2, ICON_SIZE - 4, ICON_SIZE - 4);
  }
  const r = ICON_SIZE * 0.28;
  context.beginPath();
  context.arc(ICON_SIZE - r, r, r, 0, Math.PI * 2);
  context.fillStyle = '#d93025';
  context.fill();
  context.lineWidth = 2;
  context.strokeStyle = '#ffffff';
  context.stroke();
  return canvas.toDataURL('image/png');
}

const iconLinks = (doc: Document) =>
  [...doc.head.querySelectorAll<HTMLLinkElement>('link[rel~="icon" i]')].filter(
    (link) => !link.hasAttribute('data-ticket-chat'),
  );

function loadImage(url: string): Promise<HTMLImageElement | null> {
  return new Promise((resolve) => {
    const image = new Image();
    image.crossOrigin = 'anonymous'; // an icon from another origin without CORS would taint the canvas
    image.onload = () => resolve(image);
    image.onerror = () => resolve(null);
    image.src = url;
  });
}

/**
 * Puts a dotted copy of the page's icon in place of every icon link (or adds one link when the page has
 * none); `restore` puts each `href` back exactly as it was (or removes the added link).
 */
function faviconDot(doc: Document) {
  let saved: { link: HTMLLinkElement; href: string | null }[] | null = null;
  let added: HTMLLinkElement | null = null;
  let generation = 0;
  return {
    async show() {
      if (saved || added) return;
      const current = ++generation;
      const links = iconLinks(doc);
      const url = links[0]?.href || new URL('/favicon.ico', doc.baseURI).href;
      let dotted: string;
      try {
        const image = await loadImage(url);
        try {
          dotted = drawIconWithDot(doc.createElement('canvas'), image);
        } catch {
          dotted = drawIconWithDot(doc.createElement('canvas'), null); // a tainted canvas
        }
      } catch {
        return; // no canvas at all: the title still shows the count
      }
      if (current !== generation) return; // cleared while the icon loaded
      if (links.length > 0) {
        saved = links.map((link) => ({ link, href: link.getAttribute('href') }));
        for (const link of links) link.href = dotted;
      } else {
        added = doc.createElement('link');
        added.rel = 'icon';
        added.setAttribute('data-ticket-chat', '');
        added.href = dotted;
        doc.head.append(added);
      }
    },
    restore() {
      generation++;
      for (const { link, href } of saved ?? []) {
        if (href === null) link.removeAttribute('href');
        else link.setAttribute('href', href);
      }
      added?.remove();
      saved = null;
      added = null;
    },
  };
}

// ---- counting from the cache

interface Baseline {
  /** Thread hash → key of its newest server message when the page hid (null: empty). */
  threads: Map<string, string | null>;
  /** Unread entry hash → its count when the page hid. */
  unread: Map<string, number>;
}

const newest = (entry: ThreadEntry | undefined): string | null => entry?.server.at(-1)?.key ?? null;

/** Support messages after the one with `key` (all of them when `key` is null). */
function supportAfter(server: readonly StoredMessage[], key: string | null): StoredMessage[] {
  const added: StoredMessage[] = [];
  for (let i = server.length - 1; i >= 0; i--) {
    const m = server[i] as StoredMessage;
    if (m.key === key) return added.reverse();
    if (m.fromSupport) added.push(m);
  }
  return key === null ? added.reverse() : []; // the baseline message is gone: count nothing rather than all
}

/** New support replies since `baseline`, and the newest one. Reads the cache only. */
export function countNewReplies(
  queryClient: QueryClient,
  baseline: Baseline,
): { count: number; newest?: StoredMessage; caseId?: string } {
  let count = 0;
  let latest: StoredMessage | undefined;
  let latestCase: string | undefined;
  const withThread = new Set<string>();
  const queries = queryClient.getQueryCache().findAll({ queryKey: ticketChatKeys.all });
  for (const query of queries) {
    if (!isThreadKey(query.queryKey)) continue;
    const entry = query.state.data as ThreadEntry | undefined;
    if (!entry) continue;
    const [, , caseId, groupId] = query.queryKey as readonly [string, string, string, string | null];
    withThread.add(hashKey(ticketChatKeys.unread(caseId, groupId ?? undefined)));
    if (!baseline.threads.has(query.queryHash)) baseline.threads.set(query.queryHash, newest(entry));
    const added = supportAfter(entry.server, baseline.threads.get(query.queryHash) ?? null);
    count += added.length;
    const last = added.at(-1);
    if (last && (latest === undefined || (last.at ?? 0) >= (latest.at ?? 0))) {
      latest = last;
      latestCase = caseId;
    }
  }
  for (const query of queries) {
    if (!isUnreadEntryKey(query.queryKey) || withThread.has(query.queryHash)) continue;
    const unread = (query.state.data as UnreadEntry | undefined)?.unread;
    if (unread === undefined) continue;
    if (!baseline.unread.has(query.queryHash)) baseline.unread.set(query.queryHash, unread);
    const rise = unread - (baseline.unread.get(query.queryHash) ?? unread);
    if (rise > 0) {
      count += rise;
      latestCase ??= query.queryKey[3] as string;
    }
  }
  return {
    count,
    ...(latest ? { newest: latest } : {}),
    ...(latestCase !== undefined ? { caseId: latestCase } : {}),
  };
}

function snapshot(queryClient: QueryClient): Baseline {
  const baseline: Baseline = { threads: new Map(), unread: new Map() };
  for (const query of queryClient.getQueryCache().findAll({ queryKey: ticketChatKeys.all })) {
    if (isThreadKey(query.queryKey)) {
      const entry = query.state.data as ThreadEntry | undefined;
      if (entry) baseline.threads.set(query.queryHash, newest(entry));
    } else if (isUnreadEntryKey(query.queryKey)) {
      const unread = (query.state.data as UnreadEntry | undefined)?.unread;
      if (unread !== undefined) baseline.unread.set(query.queryHash, unread);
    }
  }
  return baseline;
}

// ---- the wiring

export interface StartNotifyParams {
  queryClient: QueryClient;
  /** The client's language, for the default notification text. */
  language: string;
  /** Notification tag: tabs of one portal (one cross-tab channel) replace each other's notification. */
  tag: string;
  /**
   * The provider's latest render, read when replies arrive: whether this tab polls (the cross-tab leader,
   * or a tab on its own) and the `notify` prop (the portal may pass a new object on every render).
   */
  live: { current: { isLeader: boolean; notify: boolean | TicketChatNotifyOptions | undefined } };
  document?: Document | undefined;
}

/** Starts the hidden-page signals; returns the stop function (which restores title and icon). */
export function startNotify({
  queryClient,
  language,
  tag,
  live,
  document: doc = document,
}: StartNotifyParams): () => void {
  const options = () => (typeof live.current.notify === 'object' ? live.current.notify : undefined);
  const defaultText = defaultNotificationText(language);
  const icon = faviconDot(doc);
  let baseline: Baseline | null = null;
  let shownCount = 0;
  /** The portal's title (without our count), and the text we last set. */
  let title = '';
  let ourTitle: string | null = null;
  let notified: Notification | null = null;
  let burstNotified = false;

  const clear = () => {
    if (ourTitle !== null && doc.title === ourTitle) doc.title = title;
    ourTitle = null;
    shownCount = 0;
    icon.restore();
    notified?.close();
    notified = null;
    burstNotified = false;
  };
  const update = () => {
    if (!baseline) return;
    const { count, newest: reply, caseId } = countNewReplies(queryClient, baseline);
    if (count === shownCount) return;
    const rose = count > shownCount;
    shownCount = count;
    // The portal may have changed the title meanwhile (a route change): that is the title to count on.
    if (ourTitle === null || doc.title !== ourTitle) title = doc.title;
    ourTitle = titleWithCount(title, count);
    doc.title = ourTitle;
    if (count === 0) {
      icon.restore();
      return;
    }
    const { favicon = true, notification = true } = options() ?? {};
    if (favicon) void icon.show();
    if (rose && notification && !burstNotified && live.current.isLeader)
      showNotification(count, reply, caseId);
  };
  const showNotification = (count: number, reply: StoredMessage | undefined, caseId: string | undefined) => {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    burstNotified = true;
    const text = options()?.notificationText ?? defaultText;
    const reading: NotifyReply = {
      count,
      caseId: reply?.caseId ?? caseId ?? '',
      ...(reply
        ? {
            replierName: reply.replierName,
            content:
              reply.content.length > PREVIEW_LENGTH
                ? `${reply.content.slice(0, PREVIEW_LENGTH - 1)}…`
                : reply.content,
          }
        : {}),
    };
    // The portal's wording: a field that is no string goes through String(), one that is missing (or a
    // function that throws) takes the default's.
    let { title: heading, body } = defaultText(reading);
    try {
      const worded: { title?: unknown; body?: unknown } | undefined = text(reading);
      if (worded?.title != null) heading = String(worded.title);
      if (worded?.body != null) body = String(worded.body);
    } catch {}
    try {
      const shown = new Notification(heading, { body, tag, lang: language });
      shown.onclick = () => {
        window.focus();
        shown.close();
      };
      notified = shown;
    } catch {
      // Android Chrome allows notifications only through a service worker: the title and icon remain.
    }
  };

  const onVisibility = (visible: boolean | undefined) => {
    if (visible ?? focusManager.isFocused()) {
      baseline = null;
      clear();
    } else if (!baseline) {
      baseline = snapshot(queryClient);
    }
  };
  const unsubscribeFocus = focusManager.subscribe(onVisibility);
  const unsubscribeCache = queryClient.getQueryCache().subscribe((event) => {
    if (!baseline || event.type !== 'updated' || event.action.type !== 'success') return;
    if (!isThreadKey(event.query.queryKey) && !isUnreadEntryKey(event.query.queryKey)) return;
    update();
  });
  onVisibility(undefined);

  return () => {
    unsubscribeFocus();
    unsubscribeCache();
    clear();
  };
}
