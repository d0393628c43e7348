// @vitest-environment jsdom
/** uploadAttachment with jsdom's File (a Blob with no `stream()`), as a consumer's jsdom tests give it. */
import { createHandlers, createServiceModel, TEST_BASE_URL, TEST_TOKEN } from '../../simulator/index.ts';
import { installServer } from '../../test/support/msw.ts';
import { createTicketChatClient } from './createClient.ts';

const { server } = installServer();

test('a jsdom File uploads whole, its bytes intact, with progress at start and end', async () => {
  const model = createServiceModel();
  server.use(...createHandlers(model));
  const client = createTicketChatClient({ endpoint: TEST_BASE_URL, token: TEST_TOKEN });
  const file = new File(['hello, world'], 'notes.txt', { type: 'text/plain' });
  expect(typeof (file as Partial<Blob>).stream).not.toBe('function');
  const progress: number[] = [];
  const attachment = await client.uploadAttachment({ file, onProgress: (loaded) => progress.push(loaded) });
  expect(attachment.name).toBe('notes.txt');
  const stored = model.accessories.get(attachment.id);
  expect(new TextDecoder().decode(stored?.bytes)).toBe('hello, world');
  expect(progress).toEqual([0, file.size]);
});
