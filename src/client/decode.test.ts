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

  it.each([
    [
      { immsg: [{ message_list: [{}, { content: 5 }] }] },
      'Bad immsg.0.message_list.1.content in the response',
    ],
    [
      { immsg: [{ message_list: [{ accessory_list: [null] }] }] },
      'Bad immsg.0.message_list.0.accessory_list.0 in the response',
    ],
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
