import { useQueryClient } from '@tanstack/react-query';
import { ReactQueryDevtools } from '@tanstack/react-query-devtools';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import {
  CaseUnreadBadge,
  createTicketChatClient,
  requestNotificationPermission,
  TicketChat,
  TicketChatProvider,
} from '../src/index.ts';
import '../src/styles.css';
import { session, TICKETS } from './backend.ts';
import { MisbehavePanel } from './MisbehavePanel.tsx';

/** The portal's languages: X-Language values (the API's default is zh-cn; the demo starts in English). */
const LANGUAGES = { 'en-us': 'English', 'zh-cn': '简体中文' } as const;
type Language = keyof typeof LANGUAGES;
const LANGUAGE_KEY = 'ticket-chat-demo:language';
const isLanguage = (value: string | null): value is Language => value !== null && value in LANGUAGES;

/** The portal's own texts (the chat's come from the library). */
const PORTAL_TEXT = {
  'en-us': {
    brand: 'Cloud Support',
    section: 'My tickets',
    language: 'Language',
    allowNotifications: 'Notify me of replies',
    tickets: 'Tickets',
    hintTitle: 'My tickets',
    hint: 'Choose a ticket to see its conversation.',
  },
  'zh-cn': {
    brand: '云服务支持',
    section: '我的工单',
    language: '语言',
    allowNotifications: '有回复时通知我',
    tickets: '工单',
    hintTitle: '我的工单',
    hint: '选择一个工单查看对话。',
  },
} satisfies Record<Language, Record<string, string>>;

/** One client per language: X-Language also picks the chat's texts. */
function useClient(language: Language) {
  return useMemo(
    () =>
      createTicketChatClient({
        endpoint: '/osm',
        token: () => session.getToken(),
        language,
        // The zone the SERVER writes create_time in (sent as X-Time-Zone); times show in the viewer's zone.
        timeZone: 'GMT+8',
      }),
    [language],
  );
}

export function App() {
  const caseId = useRoute();
  const [language, setLanguage] = useState<Language>(() => {
    const stored = localStorage.getItem(LANGUAGE_KEY);
    return isLanguage(stored) ? stored : 'en-us';
  });
  const client = useClient(language);
  const text = PORTAL_TEXT[language];
  useEffect(() => {
    document.documentElement.lang = language === 'zh-cn' ? 'zh-CN' : 'en';
    localStorage.setItem(LANGUAGE_KEY, language);
  }, [language]);
  return (
    // A new language is a new client: the provider starts afresh with it (and asks the server again).
    // notify: a count in the title, a dot on the icon and (if allowed) a notification for replies while hidden.
    <TicketChatProvider key={language} client={client} notify>
      <div className="portal">
        <header className="portal__header">
          <strong>{text.brand}</strong> <span>{text.section}</span>
          <label className="portal__language">
            {text.language}
            <select
              value={language}
              onChange={(e) => {
                if (isLanguage(e.target.value)) setLanguage(e.target.value);
              }}
            >
              {Object.entries(LANGUAGES).map(([value, name]) => (
                <option key={value} value={value} lang={value === 'zh-cn' ? 'zh-CN' : 'en'}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <AllowNotifications label={text.allowNotifications} />
        </header>
        <nav className="portal__nav" aria-label={text.tickets}>
          <ul>
            {TICKETS.map((t) => (
              <li key={t.id}>
                <a href={`#/tickets/${t.id}`} aria-current={t.id === caseId ? 'page' : undefined}>
                  <span className="portal__ticket">
                    <span className="portal__ticket-id">{t.id}</span>
                    <span>{t.title[language]}</span>
                  </span>
                  <CaseUnreadBadge caseId={t.id} intervalMs={5000} />
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="portal__main">
          {caseId ? (
            <TicketPage key={caseId} caseId={caseId} language={language} />
          ) : (
            // The ticket page's h1 is the chat's title; without one the page still starts at h1.
            <div className="portal__hint">
              <h1>{text.hintTitle}</h1>
              <p>{text.hint}</p>
            </div>
          )}
        </main>
        {/* After main, so its h2 follows the page's h1; the grid shows it under the ticket list. */}
        <aside className="portal__aside" aria-label="Backend controls">
          <MisbehavePanel caseId={caseId} />
          {/* In the flow rather than a fixed corner, where it covered the header or the composer. */}
          <ReactQueryDevtools initialIsOpen={false} buttonPosition="relative" />
        </aside>
      </div>
    </TicketChatProvider>
  );
}

/** `#/tickets/<id>` → the ticket id. */
function useRoute(): string | null {
  const hash = useSyncExternalStore(
    (onChange) => {
      window.addEventListener('hashchange', onChange);
      return () => window.removeEventListener('hashchange', onChange);
    },
    () => location.hash,
  );
  return /^#\/tickets\/(.+)$/.exec(hash)?.[1] ?? null;
}

function TicketPage({ caseId, language }: { caseId: string; language: Language }) {
  const queryClient = useQueryClient();
  // The portal's sign-in: a new token, then every paused poller tries again.
  const signIn = () => {
    session.signIn();
    void queryClient.refetchQueries({ type: 'active' });
  };
  const title = TICKETS.find((t) => t.id === caseId)?.title[language] ?? caseId;
  return <TicketChat caseId={caseId} title={title} headingLevel={1} onSignIn={signIn} />;
}

/** The portal asks for notification permission on the user's click (`notify` never asks by itself). */
function AllowNotifications({ label }: { label: string }) {
  const [permission, setPermission] = useState(() =>
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  );
  if (permission !== 'default') return null;
  return (
    <button
      type="button"
      className="portal__notify"
      onClick={() => void requestNotificationPermission().then(setPermission)}
    >
      {label}
    </button>
  );
}
