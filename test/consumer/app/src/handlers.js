import { HttpResponse, http } from 'msw';

// The smallest backend the chat needs: one ticket with one support message, no unread left.
export const CASE_ID = 'CS-CONSUMER-0001';
export const GREETING = 'Hello from the consumer backend: your ticket is being handled.';
const CURSOR = '1735700000000';
const API = '/osm/v2/servicerequest/cases';

export const handlers = [
  http.get(`${API}/instant-messages`, ({ request }) => {
    // Only the first poll (no cursor) has the message; later polls have nothing newer.
    const first = !new URL(request.url).searchParams.has('last_message_time_id');
    const message = {
      type: 1,
      replier_type: 1,
      replier: 'agent-1',
      replier_name: 'Support',
      content: GREETING,
      create_time: '2025-01-01 10:53:20',
      is_first_message: 1,
      iam_user_type: 0,
      accessory_list: [],
    };
    return HttpResponse.json({
      imstatus: [{ status: 1, incident_id: CASE_ID }],
      immsg: first ? [{ incident_id: CASE_ID, message_list: [message] }] : [],
      last_message_time_id: CURSOR,
    });
  }),
  http.get(`${API}/instant-messages/unread`, () =>
    HttpResponse.json({ imunread: [{ status: 1, incident_id: CASE_ID, unread_num: 0 }] }),
  ),
  http.post(`${API}/:caseId/instant-messages/unread`, () => HttpResponse.json({})),
];
