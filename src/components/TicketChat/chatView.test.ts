import { TicketChatError } from '../../client/errors.ts';
import { type ChatThreadState, chatView } from './chatView.ts';

const thread = (over: Partial<ChatThreadState> = {}): ChatThreadState => ({
  messageCount: 0,
  hasLoaded: false,
  error: null,
  authRequired: false,
  isReconnecting: false,
  nextRetryAt: null,
  ...over,
});
const none = { error: null };
const network = new TicketChatError('network', 'Network error');
const auth = new TicketChatError('auth', 'HTTP 401');
const api = new TicketChatError('api', 'Parameter validation failed', { code: 'OSM.01010001' });
const input = new TicketChatError('input', 'caseId: empty');

describe('chatView', () => {
  test('loading until the first poll answers, then empty or ready', () => {
    expect(chatView(thread(), none, null)).toEqual({ state: 'loading', body: 'skeleton' });
    expect(chatView(thread({ hasLoaded: true }), none, null)).toEqual({ state: 'empty', body: 'thread' });
    expect(chatView(thread({ hasLoaded: true, messageCount: 2 }), none, null)).toEqual({
      state: 'ready',
      body: 'thread',
    });
    // A message sent before the first poll answered: shown, but the chat is still loading.
    expect(chatView(thread({ messageCount: 1 }), none, null)).toEqual({ state: 'loading', body: 'thread' });
  });

  test('never "empty" under an auth or load error: the body stays blank until something loaded', () => {
    expect(chatView(thread({ error: auth, authRequired: true }), none, null)).toEqual({
      state: 'auth',
      body: 'none',
    });
    expect(chatView(thread(), { error: auth }, null)).toEqual({ state: 'auth', body: 'none' });
    expect(chatView(thread({ error: api }), none, null)).toEqual({
      state: 'error',
      error: api,
      body: 'none',
    });
    expect(chatView(thread({ error: api, hasLoaded: true }), none, null)).toMatchObject({
      state: 'error',
      body: 'thread',
    });
  });

  test('reconnecting keeps the thread (or the skeleton) and says when the next try is', () => {
    const t = thread({
      error: network,
      isReconnecting: true,
      nextRetryAt: 1234,
      hasLoaded: true,
      messageCount: 3,
    });
    expect(chatView(t, none, null)).toEqual({
      state: 'reconnecting',
      error: network,
      nextRetryAt: 1234,
      body: 'thread',
    });
    expect(chatView(thread({ error: network, isReconnecting: true }), none, null)).toMatchObject({
      body: 'skeleton',
    });
  });

  test('a bad ticket number wins over everything, from the id, the thread or the badge', () => {
    expect(chatView(thread({ error: auth, authRequired: true }), none, input)).toEqual({
      state: 'invalid',
      error: input,
      body: 'none',
    });
    expect(chatView(thread({ error: input }), none, null)).toMatchObject({ state: 'invalid' });
    expect(chatView(thread(), { error: input }, null)).toMatchObject({ state: 'invalid' });
  });
});
