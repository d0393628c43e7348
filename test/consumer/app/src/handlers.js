import { HttpResponse, http } from 'msw';

// The smallest stateful backend the chat needs: one open ticket (its thread grows by poll and by send)
// and a second ticket with unread messages for the nav-bar badge. `reply(text)` posts a support message.
export const CASE_ID = 'CS-CONSUMER-0001';
export const OTHER_CASE_ID = 'CS-CONSUMER-0002';
export const GREETING = 'Hello from the consumer backend: your ticket is being handled.';
const API = '/osm/v2/servicerequest/cases';
const START = Date.UTC(2025, 0, 1, 2, 53, 20);

const messages = [];
const unread = { [CASE_ID]: 0, [OTHER_CASE_ID]: 2 };

/** create_time as the API sends it: wall-clock time in the request's zone (the app asks for GMT+8). */
const wallClock = (ms) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

function add(content, fromSupport) {
  const at = START + messages.length * 60_000;
  messages.push({
    at,
    wire: {
      type: fromSupport ? 1 : 0,
      replier_type: fromSupport ? 1 : 0,
      replier: fromSupport ? 'agent-1' : 'consumer-user',
      replier_name: fromSupport ? 'Support' : 'Consumer',
      content,
      create_time: wallClock(at),
      is_first_message: messages.length === 0 ? 1 : 0,
      iam_user_type: 0,
      accessory_list: [],
    },
  });
}
add(GREETING, true);

export const reply = (text) => add(text, true);

export const handlers = [
  http.get(`${API}/instant-messages`, ({ request }) => {
    // Everything after the cursor (the newest message's time, in ms).
    const after = Number(new URL(request.url).searchParams.get('last_message_time_id') ?? -1);
    const newer = messages.filter((m) => m.at > after).map((m) => m.wire);
    return HttpResponse.json({
      imstatus: [{ status: 1, incident_id: CASE_ID }],
      immsg: newer.length ? [{ incident_id: CASE_ID, message_list: newer }] : [],
      last_message_time_id: String(messages.at(-1).at),
    });
  }),
  http.get(`${API}/instant-messages/unread`, ({ request }) => {
    const ids = new URL(request.url).searchParams.getAll('case_ids');
    return HttpResponse.json({
      imunread: ids.map((id) => ({ status: 1, incident_id: id, unread_num: unread[id] ?? 0 })),
    });
  }),
  http.post(`${API}/:caseId/message`, async ({ params, request }) => {
    if (params.caseId !== CASE_ID)
      return HttpResponse.json({ error_code: 'OSM.0003', error_msg: 'no such ticket' }, { status: 403 });
    const body = await request.json();
    add(body.message.content, false);
    return HttpResponse.json({ error_code: null, error_msg: null });
  }),
  http.post(`${API}/:caseId/instant-messages/unread`, ({ params }) => {
    unread[params.caseId] = 0;
    return HttpResponse.json({ error_code: null, error_msg: null });
  }),
];
