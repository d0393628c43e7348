import { dehydrate, hydrate } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import {
  advance,
  cursorOf,
  installQueryHarness,
  makeClient,
  pollRequests,
  providerFor,
  waitForInAct,
} from '../../test/harness.tsx';
import { ticketChatKeys } from './keys.ts';
import { createTicketChatQueryClient } from './TicketChatProvider.tsx';
import type { ThreadEntry } from './threadEntry.ts';
import { threadQueryOptions } from './threadQueryOptions.ts';
import { useInstantMessages } from './useInstantMessages.ts';

const { sim } = installQueryHarness();

test('a prefetched thread survives JSON → hydrate, shows at once and polls on from its cursor', async () => {
  sim().addTicket({ id: 'c1', messages: [{ content: 'one' }, { content: 'two', replierType: 0 }] });
  const client = makeClient();
  const server = createTicketChatQueryClient();
  await server.prefetchQuery(threadQueryOptions({ client, caseId: 'c1' }));
  const prefetched = server.getQueryData<ThreadEntry>(ticketChatKeys.thread('c1'));
  expect(prefetched?.cursor).toBeTruthy();

  const browser = createTicketChatQueryClient();
  hydrate(browser, JSON.parse(JSON.stringify(dehydrate(server))));
  const { wrapper } = providerFor(client, browser);
  const { result } = renderHook(() => useInstantMessages('c1'), { wrapper });
  // Shown from the hydrated entry, before any poll of this page.
  expect(result.current.messages.map((m) => m.content)).toEqual(['one', 'two']);
  expect(result.current.messages[0]?.createdAt).toBeInstanceOf(Date);
  expect(result.current.hasLoaded).toBe(true);
  const before = pollRequests(sim()).length;
  sim().post('c1', { content: 'three' });
  await advance(3000);
  await waitForInAct(() =>
    expect(result.current.messages.map((m) => m.content)).toEqual(['one', 'two', 'three']),
  );
  expect(cursorOf(pollRequests(sim())[before]?.url ?? '')).toBe(prefetched?.cursor);
});
