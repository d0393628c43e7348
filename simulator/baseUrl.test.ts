import { setupServer } from 'msw/node';
import { createHandlers } from './handlers.ts';
import { createServiceModel, TEST_TOKEN } from './model.ts';

// A file of its own: one MSW server per test file.
const model = createServiceModel();
const server = setupServer(...createHandlers(model, { baseUrl: '/osm/' }));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

test('a path base URL (browser demo form) answers under that path on the page origin', async () => {
  model.addTicket({ id: 'p', unread: 2 });
  const url = new URL('/osm/v2/servicerequest/cases/instant-messages/unread?case_ids=p', location.origin);
  const response = await fetch(url, { headers: { 'X-Auth-Token': TEST_TOKEN } });
  expect(await response.json()).toEqual({ imunread: [{ status: 1, incident_id: 'p', unread_num: 2 }] });
  const signed = await fetch(new URL('/osm/v2/servicerequest/accessorys/none/access-url', location.origin), {
    headers: { 'X-Auth-Token': TEST_TOKEN },
  });
  expect(signed.status).toBe(400);
});
