// @vitest-environment node
// A server has no page to resolve "/osm" against (Next.js evaluates 'use client' modules during prerender).

import { installServer, rejectionOf } from '../../test/support/msw.ts';
import { createTicketChatClient } from './createClient.ts';
import { TicketChatError } from './errors.ts';

const { log } = installServer();

test('no page: a relative endpoint is accepted at creation', () => {
  expect(globalThis.location).toBeUndefined();
  expect(() => createTicketChatClient({ endpoint: '/osm', token: 't' })).not.toThrow();
});

test.each([
  ['listUnread', (c: ReturnType<typeof createTicketChatClient>) => c.listUnread({ caseIds: ['c1'] })],
  ['pollMessages', (c: ReturnType<typeof createTicketChatClient>) => c.pollMessages({ caseIds: ['c1'] })],
  [
    'sendMessage',
    (c: ReturnType<typeof createTicketChatClient>) => c.sendMessage({ caseId: 'c1', content: 'hi' }),
  ],
])('no page: %s rejects with an input error naming the endpoint, sending nothing', async (_name, call) => {
  const error = await rejectionOf(call(createTicketChatClient({ endpoint: '/osm', token: 'secret-x' })));
  expect(error).toBeInstanceOf(TicketChatError);
  expect(error).toMatchObject({ kind: 'input', retryable: false });
  expect((error as Error).message).toContain('endpoint');
  expect((error as Error).message).toContain('"/osm"');
  expect((error as Error).message).not.toContain('secret-x');
  expect(log).toHaveLength(0);
});

test('an endpoint no base makes a URL is still refused at creation', () => {
  expect(() => createTicketChatClient({ endpoint: 'http://', token: 't' })).toThrow(
    expect.objectContaining({ kind: 'input', message: 'endpoint: not a URL' }),
  );
});
