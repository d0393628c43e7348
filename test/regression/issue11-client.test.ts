/**
 * Issue 11, the client alone: items 3 (a numeric cursor above 2^53 comes back unchanged), 9 (polling more
 * than 100 tickets never returns a message twice) and 10 (a downloaded file whose JSON mentions error_code
 * is a file).
 */
import { HttpResponse, http } from 'msw';
import { TEST_BASE_URL } from '../../simulator/index.ts';
import { cursorOf, installSimulator, makeClient, pollRequests } from '../harness.tsx';

const { server, sim } = installSimulator();
const API = `${TEST_BASE_URL}/v2/servicerequest`;

test('item 3: a numeric cursor above 2^53 is sent back as the exact text received', async () => {
  const sent: (string | null)[] = [];
  server.use(
    http.get(`${API}/cases/instant-messages`, ({ request }) => {
      sent.push(cursorOf(request.url));
      // A JSON number, as the provider's own example sends it, too large for a double.
      return new HttpResponse('{"imstatus":[],"immsg":[],"last_message_time_id":12345678901234567235}', {
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
  const client = makeClient();
  const first = await client.pollMessages({ caseIds: ['c1'] });
  expect(first.cursor).toBe('12345678901234567235');
  await client.pollMessages({ caseIds: ['c1'], ...(first.cursor ? { cursor: first.cursor } : {}) });
  expect(sent).toEqual([null, '12345678901234567235']);
});

test('item 9: polling 150 tickets with the returned cursor never returns a message twice', async () => {
  const ids = Array.from({ length: 150 }, (_, i) => `c${i}`);
  for (const id of ids) sim().addTicket({ id });
  const client = makeClient();
  let { cursor } = await client.pollMessages({ caseIds: ids });
  // The second chunk's ticket gets a message, then the first chunk's: their cursors differ.
  sim().post('c120', { content: 'late in chunk 2' });
  sim().post('c3', { content: 'later in chunk 1' });
  const seen: string[] = [];
  for (let round = 0; round < 3; round++) {
    const answer = await client.pollMessages({ caseIds: ids, ...(cursor ? { cursor } : {}) });
    seen.push(...answer.messages.map((m) => m.content));
    cursor = answer.cursor;
    if (round === 0) sim().post('c130', { content: 'newest in chunk 2' });
  }
  expect(seen.sort()).toEqual(['late in chunk 2', 'later in chunk 1', 'newest in chunk 2']);
  expect(pollRequests(sim()).length).toBe(8);
});

test('item 10: a downloaded JSON file that mentions error_code is returned as the file', async () => {
  const file = JSON.stringify({
    error_code: 'E42',
    note: 'an exported log of the customer app',
    lines: [1, 2],
  });
  server.use(
    http.get(`${API}/accessorys/:id`, () =>
      HttpResponse.text(file, {
        headers: {
          'Content-Type': 'application/json',
          'Content-Disposition': 'attachment; filename="log.json"',
        },
      }),
    ),
  );
  const blob = await makeClient().downloadAttachment({ attachmentId: 'a1' });
  expect(await blob.text()).toBe(file);
});

test('item 10: a JSON file served without Content-Disposition that is more than an error is a file too', async () => {
  const file = JSON.stringify({ error_code: 'E42', error_msg: 'from the app log', at: '2026-12-01' });
  server.use(
    http.get(`${API}/accessorys/:id`, () =>
      HttpResponse.text(file, { headers: { 'Content-Type': 'application/json' } }),
    ),
  );
  const blob = await makeClient().downloadAttachment({ attachmentId: 'a1' });
  expect(await blob.text()).toBe(file);
});
