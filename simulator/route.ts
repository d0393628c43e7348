/** The shared envelope of every simulated endpoint: log, count, fault, authenticate, validate, answer. */
import { type HttpHandler, http, type PathParams } from 'msw';
import { applyFault } from './faults.ts';
import { internalsOf } from './model.ts';
import type { TimeZoneSpec } from './timeZone.ts';
import type { Delivery, Endpoint, ServiceModel } from './types.ts';
import { BadRequest, badRequest, checkToken, readHeaders } from './wire.ts';

export interface RouteContext {
  model: ServiceModel;
  request: Request;
  url: URL;
  params: PathParams;
  zone: TimeZoneSpec;
  /** A `shuffle` fault is active: message lists go out in a different order. */
  shuffle: boolean;
  random: () => number;
}

export interface RouteAnswer {
  response: Response;
  /** Only for 200 poll answers: recorded once the answer is really sent. */
  delivery?: Delivery;
}

export interface RouteSpec {
  endpoint: Endpoint;
  method: 'get' | 'post';
  path: string;
  /** Case ids for the request log (never validated here). */
  caseIds(url: URL, params: PathParams): string[];
  resolve(ctx: RouteContext): RouteAnswer | Promise<RouteAnswer>;
}

export const pathParam = (params: PathParams, name: string): string => {
  const value = params[name];
  return typeof value === 'string' ? value : '';
};

export function route(model: ServiceModel, baseUrl: string, spec: RouteSpec): HttpHandler {
  const internals = internalsOf(model);
  return http[spec.method](`${baseUrl}${spec.path}`, async ({ request, params }) => {
    const url = new URL(request.url);
    model.requests.push({
      endpoint: spec.endpoint,
      method: request.method,
      url: request.url,
      caseIds: spec.caseIds(url, params),
      at: Date.now(),
      hadToken: request.headers.has('x-auth-token'),
    });
    internals.enter(spec.endpoint);
    try {
      let shuffle = false;
      const fault = internals.takeFault(spec.endpoint);
      if (fault) {
        const outcome = await applyFault(fault, request);
        if ('respond' in outcome) return outcome.respond;
        shuffle = outcome.shuffle;
      }
      const unauthorized = checkToken(model, request);
      if (unauthorized) return unauthorized;
      let answer: RouteAnswer;
      try {
        const zone = readHeaders(request);
        answer = await spec.resolve({ model, request, url, params, zone, shuffle, random: internals.random });
      } catch (error) {
        if (error instanceof BadRequest) return badRequest(error.message);
        throw error;
      }
      // An answer to a client that already gave up (e.g. after a latency fault) was never delivered.
      if (answer.delivery && !request.signal.aborted) model.deliveries.push(answer.delivery);
      return answer.response;
    } finally {
      internals.leave(spec.endpoint);
    }
  });
}
