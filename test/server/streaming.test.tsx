// @vitest-environment node
// Streaming SSR (what Next.js's App Router does) on a server whose chat chunk has not loaded yet: the HTML
// must hold the messages and never the skeleton (a streamed fallback would show before the messages).

import { Writable } from 'node:stream';
import { dehydrate, hydrate, QueryClient } from '@tanstack/react-query';
import { setupServer } from 'msw/node';
import { renderToPipeableStream } from 'react-dom/server';
import { createHandlers, createServiceModel, TEST_BASE_URL, TEST_TOKEN } from '../../simulator/index.ts';
import { holdChatChunk } from '../support/chatChunk.ts';

const model = createServiceModel();
const server = setupServer(...createHandlers(model));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const CASE = 'ssr-stream';
model.addTicket({ id: CASE, messages: [{ content: 'streamed from support', at: Date.UTC(2026, 0, 5, 3) }] });

test('renderToPipeableStream waits for the chunk: the messages, no skeleton, in the streamed HTML', async () => {
  // A fresh copy of the package whose chunk arrives only after the render's first pass.
  const { release, restore } = holdChatChunk();
  const pkg = await import('../../src/index.ts');
  const { prefetchThread, prefetchUnread } = await import('../../src/server/index.ts');
  const client = pkg.createTicketChatClient({
    endpoint: TEST_BASE_URL,
    token: TEST_TOKEN,
    language: 'en-us',
  });
  const prefetched = new QueryClient();
  await Promise.all([
    prefetchThread(prefetched, { client, caseId: CASE }),
    prefetchUnread(prefetched, { client, caseIds: [CASE] }),
  ]);
  const queryClient = new QueryClient();
  hydrate(queryClient, dehydrate(prefetched));
  let html = '';
  const done = new Promise<void>((resolve, reject) => {
    const sink = new Writable({
      write(chunk, _encoding, next) {
        html += String(chunk);
        // The chunk arrives after the first bytes went out (if anything went out before it).
        release();
        next();
      },
    });
    sink.on('finish', resolve);
    const stream = renderToPipeableStream(
      <pkg.TicketChatProvider client={client} queryClient={queryClient} crossTab={false}>
        <pkg.TicketChat caseId={CASE} timeZone="UTC" locale="en-us" />
      </pkg.TicketChatProvider>,
      {
        onShellReady: () => {
          stream.pipe(sink);
        },
        onShellError: reject,
        onError: reject,
      },
    );
    // Or once React's first pass is done (it renders in a later turn), if that pass sent nothing.
    setImmediate(() => setImmediate(release));
  });
  await done;
  restore();
  expect(html).toContain('streamed from support');
  expect(html).toContain('data-state="ready"');
  expect(html).not.toMatch(/data-state="loading"|aria-busy="true"/);
});

test('renderToPipeableStream of the package MessageThread waits for the chunk: messages, no skeleton', async () => {
  const { release, restore } = holdChatChunk();
  const pkg = await import('../../src/index.ts');
  const { makeMessage } = await import('../support/messages.ts');
  let html = '';
  const done = new Promise<void>((resolve, reject) => {
    const sink = new Writable({
      write(chunk, _encoding, next) {
        html += String(chunk);
        // As above: the chunk arrives after the first bytes, or after React's first pass.
        release();
        next();
      },
    });
    sink.on('finish', resolve);
    const stream = renderToPipeableStream(
      <pkg.MessageThread
        messages={[makeMessage({ content: 'thread streamed' })]}
        locale="en-US"
        timeZone="UTC"
      />,
      {
        onShellReady: () => {
          stream.pipe(sink);
        },
        onShellError: reject,
        onError: reject,
      },
    );
    setImmediate(() => setImmediate(release));
  });
  await done;
  restore();
  expect(html).toContain('thread streamed');
  expect(html).not.toContain('tc-thread-skeleton');
});
