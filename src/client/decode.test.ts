import { decode, readErrorBody, unreadBody } from './decode.ts';
import { TicketChatError } from './errors.ts';
import { olderBody, pollBody } from './messageBodies.ts';

function decodeError(run: () => unknown): TicketChatError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TicketChatError);
    return error as TicketChatError;
  }
  throw new Error('decoded without an error');
}

describe('wire decoders', () => {
  it('missing and null fields read as their defaults', () => {
    expect(decode(olderBody, { message_list: [{ type: null, accessory_list: null }] })).toEqual({
      count: null,
      message_list: [
        {
          type: null,
          replier_type: null,
          replier: '',
          content: '',
          create_time: '',
          replier_name: '',
          is_first_message: null,
          accessory_list: [],
        },
      ],
    });
    expect(decode(unreadBody, { imunread: [{ incident_id: 'c1' }] }).imunread[0]).toMatchObject({
      incident_id: 'c1',
      status: null,
      unread_num: 0,
    });
    expect(decode(pollBody, {})).toMatchObject({ imstatus: [], immsg: [] });
    // Fields without a default keep null as null (as the valibot schemas did).
    expect(decode(pollBody, { last_message_time_id: null, imstatus: [{ incident_id: null }] })).toMatchObject(
      {
        last_message_time_id: null,
        imstatus: [{ incident_id: null, status: null }],
      },
    );
  });

  it('keeps only the known fields', () => {
    const body = JSON.parse('{"count":1,"extra":2,"__proto__":{"polluted":true},"message_list":[]}');
    expect(Object.keys(decode(olderBody, body)).sort()).toEqual(['count', 'message_list']);
  });

  // Was: one malformed message made the whole answer a decode error, and every later poll failed the same
  // way, so the good messages were never shown (attack2 finding 2).
  it('a malformed message field is read, never fails the answer; entries that are no object are skipped', () => {
    const good = { content: 'good', create_time: '2020-07-09 00:00:00', replier_type: 1 };
    const body = decode(pollBody, {
      immsg: [
        {
          incident_id: 'c1',
          message_list: [
            null,
            { ...good, content: 404, replier_name: { html: '<b>x</b>' }, accessory_list: 'nope' },
            'text',
            [good],
            { ...good, type: 'support', replier: true, accessory_list: [null, 'a', { accessory_id: 7 }] },
            good,
          ],
        },
      ],
      last_message_time_id: 'next',
    });
    const list = body.immsg[0]?.message_list ?? [];
    expect(list.map((m) => [m.content, m.replier_name, m.replier, m.type])).toEqual([
      ['404', '', '', null],
      ['good', '', 'true', null],
      ['good', '', '', null],
    ]);
    expect(list.map((m) => m.accessory_list)).toEqual([
      [],
      [{ accessory_id: '7', file_actual_name: '' }],
      [],
    ]);
    expect(body.last_message_time_id).toBe('next');
  });

  it.each([
    [{ immsg: [{ message_list: 'x' }] }, 'Bad immsg.0.message_list in the response'],
    [{ immsg: [null] }, 'Bad immsg.0 in the response'],
    [{ immsg: [{ incident_id: 5, message_list: [] }] }, 'Bad immsg.0.incident_id in the response'],
    [{ imstatus: 'x' }, 'Bad imstatus in the response'],
    [{ last_message_time_id: true }, 'Bad last_message_time_id in the response'],
    // The first bad field in field order is the one named.
    [{ imstatus: [{ status: 'open' }], immsg: 1 }, 'Bad imstatus.0.status in the response'],
    ['text', 'Bad body in the response'],
  ])('a wrong type is a decode error naming its path (%j)', (body, message) => {
    const error = decodeError(() => decode(pollBody, body));
    expect(error.kind).toBe('decode');
    expect(error.message).toBe(message);
  });

  it('the error envelope reads each field on its own and never fails', () => {
    expect(readErrorBody({ error_code: 7, error_msg: { not: 'text' } })).toEqual({
      error_code: 7,
      error_msg: null,
    });
    expect(readErrorBody({ error_code: [], error_msg: 'm' })).toEqual({ error_code: null, error_msg: 'm' });
    expect(readErrorBody('x')).toEqual({});
    expect(readErrorBody(null)).toEqual({});
  });
});

test('an integer code written as a digit string reads as that number; other strings are decode errors', () => {
  const body = decode(pollBody, {
    imstatus: [{ incident_id: 'c1', status: '1' }],
    immsg: [{ incident_id: 'c1', message_list: [{ type: '1', is_first_message: '0', content: 'a' }] }],
  });
  expect(body.imstatus[0]?.status).toBe(1);
  expect(body.immsg[0]?.message_list[0]?.type).toBe(1);
  expect(body.immsg[0]?.message_list[0]?.is_first_message).toBe(0);
  expect(decodeError(() => decode(pollBody, { imstatus: [{ status: '1.5' }] })).kind).toBe('decode');
  expect(decodeError(() => decode(pollBody, { imstatus: [{ status: ' 1' }] })).kind).toBe('decode');
});

// Was: "7" was refused while -5 and 3.7 passed (attack2, minor).
test('an unread count is a non-negative integer, a digit string too', () => {
  const unread = (n: unknown) => decode(unreadBody, { imunread: [{ incident_id: 'c1', unread_num: n }] });
  expect(unread('7').imunread[0]?.unread_num).toBe(7);
  expect(unread(3).imunread[0]?.unread_num).toBe(3);
  for (const bad of [-5, 3.7, '-1', 'x'])
    expect(decodeError(() => unread(bad)).message).toBe('Bad imunread.0.unread_num in the response');
});
