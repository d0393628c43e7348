/** Unread, poll, send, mark-read, history (offset paging) and more (cursor paging). */
import { HttpResponse } from 'msw';
import { shuffled } from './faults.ts';
import type { RouteAnswer, RouteContext, RouteSpec } from './route.ts';
import { pathParam } from './route.ts';
import { parseWallClock } from './timeZone.ts';
import type { Delivery, SimMessage, SimTicket } from './types.ts';
import {
  BadRequest,
  MAX_CONTENT_LENGTH,
  okBody,
  readBodyGroupId,
  readCaseIds,
  readGroupId,
  readId,
  readInt,
  readJsonBody,
  readOptionalString,
  toWire,
} from './wire.ts';

const queryCaseIds = (url: URL): string[] => url.searchParams.getAll('case_ids');
const pathCaseId = (_url: URL, params: Record<string, unknown>): string[] => {
  const id = params.case_id;
  return typeof id === 'string' ? [id] : [];
};

function knownTickets(ctx: RouteContext, ids: string[]): SimTicket[] {
  return ids.flatMap((id) => {
    const ticket = ctx.model.ticket(id);
    return ticket ? [ticket] : [];
  });
}

/** The ticket named in the path; unknown tickets are a 400 OSM.0001 (the service validates ids). */
function pathTicket(ctx: RouteContext): SimTicket {
  const id = readId(pathParam(ctx.params, 'case_id'), 'case_id');
  const ticket = ctx.model.ticket(id);
  if (!ticket) throw new BadRequest('The ticket does not exist');
  return ticket;
}

const ordered = (ctx: RouteContext, list: SimMessage[]): SimMessage[] =>
  ctx.shuffle ? shuffled(list, ctx.random) : list;

/** The empty success body of the write endpoints (send, mark read). */
const okResponse = (ctx: RouteContext): RouteAnswer => ({
  response: HttpResponse.json(okBody(ctx.model.quirks)),
});

/** One page of the paging endpoints (history, more): `count` in all, the page in the request's zone. */
const pageResponse = (ctx: RouteContext, count: number, page: SimMessage[]): RouteAnswer => ({
  response: HttpResponse.json({
    count,
    message_list: ordered(ctx, page).map((m) => toWire(m, ctx.zone, ctx.model.quirks)),
  }),
});

export const unreadRoute: RouteSpec = {
  endpoint: 'unread',
  method: 'get',
  path: '/v2/servicerequest/cases/instant-messages/unread',
  caseIds: queryCaseIds,
  resolve(ctx) {
    const ids = readCaseIds(ctx.url);
    readGroupId(ctx.url);
    // Unknown ids are left out of the answer, as for tickets the user cannot see.
    const imunread = knownTickets(ctx, ids).map((t) => ({
      status: t.status,
      incident_id: t.id,
      unread_num: t.unread,
    }));
    return { response: HttpResponse.json({ imunread }) };
  },
};

function readCursor(url: URL): number | undefined {
  const text = readOptionalString(url, 'last_message_time_id', 64);
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text)) throw new BadRequest('last_message_time_id is not a cursor this service issued');
  return Number(text);
}

export const pollRoute: RouteSpec = {
  endpoint: 'poll',
  method: 'get',
  path: '/v2/servicerequest/cases/instant-messages',
  caseIds: queryCaseIds,
  resolve(ctx) {
    const { model, url, zone } = ctx;
    const ids = readCaseIds(url);
    readGroupId(url);
    const cursor = readCursor(url);
    const tickets = knownTickets(ctx, ids);
    // The documented example's nulls are only used when one ticket was asked, so the answer stays attributable.
    const nullIds = model.quirks && ids.length === 1;

    const delivery: Delivery = [];
    const immsg: unknown[] = [];
    let newestDelivered: number | undefined;
    for (const ticket of tickets) {
      const fresh =
        cursor === undefined
          ? ticket.messages.slice(Math.max(0, ticket.messages.length - model.initialPageSize))
          : ticket.messages.filter((m) =>
              model.cursorMode === 'inclusive' ? m.at >= cursor : m.at > cursor,
            );
      if (fresh.length === 0) continue;
      const sent = ordered(ctx, fresh);
      for (const m of sent) newestDelivered = Math.max(newestDelivered ?? m.at, m.at);
      delivery.push({ caseId: ticket.id, seqs: sent.map((m) => m.seq) });
      immsg.push({
        incident_id: nullIds ? null : ticket.id,
        message_list: sent.map((m) => toWire(m, zone, model.quirks)),
      });
    }
    const newestKnown = Math.max(0, ...tickets.map((t) => t.messages.at(-1)?.at ?? 0));
    const nextCursor = newestDelivered ?? cursor ?? newestKnown;
    const imstatus = tickets.map((t) =>
      nullIds ? { status: null, incident_id: null } : { status: t.chatStatus, incident_id: t.id },
    );
    return {
      response: HttpResponse.json({
        imstatus,
        immsg,
        last_message_time_id: model.quirks ? nextCursor : String(nextCursor),
      }),
      delivery,
    };
  },
};

export const sendRoute: RouteSpec = {
  endpoint: 'send',
  method: 'post',
  path: '/v2/servicerequest/cases/:case_id/message',
  caseIds: pathCaseId,
  async resolve(ctx) {
    const ticket = pathTicket(ctx);
    const body = await readJsonBody(ctx.request, true);
    readBodyGroupId(body);
    const message = body.message as Record<string, unknown> | undefined;
    if (typeof message !== 'object' || message === null) throw new BadRequest('message is required');
    const content = message.content;
    if (typeof content !== 'string' || content.length < 1 || content.length > MAX_CONTENT_LENGTH) {
      throw new BadRequest(`message.content must be 1..${MAX_CONTENT_LENGTH} characters`);
    }
    const rawIds = message.accessory_ids ?? [];
    if (!Array.isArray(rawIds) || rawIds.length > 10) throw new BadRequest('accessory_ids: at most 10 ids');
    const attachments = rawIds.map((raw) => {
      const id = readId(raw, 'each accessory id');
      const known = ctx.model.accessories.get(id);
      if (!known) throw new BadRequest('An accessory id does not exist');
      return { id, name: known.name };
    });
    ctx.model.post(ticket.id, {
      content,
      replier: 'customer-1',
      // The server knows the signed-in customer's name: reuse the one this ticket already shows.
      replierName: ticket.messages.findLast((m) => m.replier === 'customer-1')?.replierName ?? 'Customer',
      replierType: 0,
      type: 0,
      attachments,
    });
    return okResponse(ctx);
  },
};

export const markReadRoute: RouteSpec = {
  endpoint: 'markRead',
  method: 'post',
  path: '/v2/servicerequest/cases/:case_id/instant-messages/unread',
  caseIds: pathCaseId,
  async resolve(ctx) {
    const ticket = pathTicket(ctx);
    readBodyGroupId(await readJsonBody(ctx.request, false));
    ctx.model.markRead(ticket.id);
    return okResponse(ctx);
  },
};

/** Offset paging counted from the NEWEST message (offset 0 = the latest page); each page oldest first. */
export const historyRoute: RouteSpec = {
  endpoint: 'history',
  method: 'get',
  path: '/v2/servicerequest/cases/:case_id/messages',
  caseIds: pathCaseId,
  resolve(ctx) {
    const ticket = pathTicket(ctx);
    readGroupId(ctx.url);
    const offset = readInt(ctx.url, 'offset', 0, 65_535, 0);
    const limit = readInt(ctx.url, 'limit', 0, 100, 10);
    const all = ticket.messages;
    const end = Math.max(0, all.length - offset);
    const page = all.slice(Math.max(0, end - limit), end);
    return pageResponse(ctx, all.length, page);
  },
};

/**
 * Cursor paging: the newest `limit` messages STRICTLY OLDER than the second `create_time` names (read in the
 * request's X-Time-Zone), oldest first. `count` is how many older messages exist in all (so `count > limit`
 * means more remain). Limitation: older messages in the same second as the cursor are not returned.
 */
export const moreRoute: RouteSpec = {
  endpoint: 'more',
  method: 'get',
  path: '/v2/servicerequest/cases/:case_id/instant-messages/more',
  caseIds: pathCaseId,
  resolve(ctx) {
    const ticket = pathTicket(ctx);
    readGroupId(ctx.url);
    const createTime = ctx.url.searchParams.get('create_time');
    if (createTime === null || createTime === '') throw new BadRequest('create_time is required');
    const before = parseWallClock(createTime, ctx.zone);
    if (before === undefined) throw new BadRequest('create_time must be "YYYY-MM-DD HH:mm:ss"');
    const type = ctx.url.searchParams.get('type');
    if (type !== '0' && type !== '1') throw new BadRequest('type must be 0 or 1');
    const limit = readInt(ctx.url, 'limit', 0, 100);
    const older = ticket.messages.filter((m) => m.at < before);
    const page = limit === 0 ? [] : older.slice(-limit);
    return pageResponse(ctx, older.length, page);
  },
};
