// @vitest-environment node
// A Node server (no `window`): renderToString after `await preloadTicketChat()` of a thread with an image. The
// thumbnail is a lazy chunk of its own; the preload must cover it on the first render of a fresh process.
import { QueryClient } from '@tanstack/react-query';
import { setupServer } from 'msw/node';
import { Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { createHandlers, createServiceModel, TEST_BASE_URL, TEST_TOKEN } from '../../simulator/index.ts';
import { createTicketChatClient } from '../../src/client/createClient.ts';
import { preloadTicketChat, TicketChat } from '../../src/components/index.ts';
import { TicketChatProvider } from '../../src/query/TicketChatProvider.tsx';
import { prefetchThread } from '../../src/server/index.ts';
import { holdChatChunk } from '../support/chatChunk.ts';

const model = createServiceModel();
const server = setupServer(...createHandlers(model));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

test("the first renderToString holds the image's thumbnail, not a client-render boundary", async () => {
  expect(typeof window).toBe('undefined');
  model.addTicket({
    id: 'img-1',
    messages: [{ content: 'the screenshot', attachments: [{ id: 'shot', name: 'shot0.png' }] }],
  });
  const client = createTicketChatClient({ endpoint: TEST_BASE_URL, token: TEST_TOKEN, language: 'en-us' });
  const queryClient = new QueryClient();
  await prefetchThread(queryClient, { client, caseId: 'img-1' });
  await preloadTicketChat();
  const html = renderToString(
    <TicketChatProvider client={client} queryClient={queryClient} crossTab={false}>
      <TicketChat caseId="img-1" timeZone="UTC" locale="en-us" />
    </TicketChatProvider>,
  );
  expect(html).toContain('the screenshot');
  // `<!--$!-->` marks a boundary the server gave up on (the browser renders it, React reports #419).
  expect(html).not.toContain('<!--$!-->');
  expect(html).toMatch(/class="tc-thumb[^"]*"[^>]*>(?!<\/span>)/);
  expect(html).not.toContain('data-loading=""></span>');
});

test('renderToString before the preload is done throws, or inside a Suspense boundary of the page gives its fallback', async () => {
  // A freshly started server: the package's import starts the chunk's load, the render comes before it is done.
  const { restore } = holdChatChunk();
  onTestFinished(restore);
  const fresh = await import('../../src/index.ts');
  const client = fresh.createTicketChatClient({
    endpoint: TEST_BASE_URL,
    token: TEST_TOKEN,
    language: 'en-us',
  });
  const chat = (
    <fresh.TicketChatProvider client={client} queryClient={new QueryClient()} crossTab={false}>
      <fresh.TicketChat caseId="img-1" timeZone="UTC" locale="en-us" />
    </fresh.TicketChatProvider>
  );
  expect(() => renderToString(chat)).toThrow(/suspended/i);
  const html = renderToString(<Suspense fallback={<p>page fallback</p>}>{chat}</Suspense>);
  expect(html).toContain('<!--$!-->');
  expect(html).toContain('page fallback');
  expect(html).not.toContain('tc-chat');
});
