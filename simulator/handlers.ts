/** MSW 2 handlers for every endpoint of the API README, backed by one ServiceModel. */
import { type HttpHandler, HttpResponse, http } from 'msw';
import {
  accessUrlRoute,
  downloadRoute,
  fileResponse,
  limitsRoute,
  SIGNED_FILE_PATH,
  uploadRoute,
} from './accessoryRoutes.ts';
import {
  historyRoute,
  markReadRoute,
  moreRoute,
  pollRoute,
  sendRoute,
  unreadRoute,
} from './messageRoutes.ts';
import { route } from './route.ts';
import type { ServiceModel } from './types.ts';

export const TEST_BASE_URL = 'http://api.test/osm';

/** `baseUrl` may be absolute ('http://api.test/osm') or a path ('/osm', for the browser demo). */
export function createHandlers(model: ServiceModel, opts: { baseUrl?: string } = {}): HttpHandler[] {
  const baseUrl = (opts.baseUrl ?? TEST_BASE_URL).replace(/\/+$/, '');
  const routes = [
    unreadRoute,
    pollRoute,
    sendRoute,
    markReadRoute,
    historyRoute,
    moreRoute,
    // `limits` before the download route: '/accessorys/:accessory_id' would also match it.
    limitsRoute,
    accessUrlRoute(baseUrl),
    downloadRoute,
    uploadRoute,
  ];
  const signedFiles = http.get(`${baseUrl}${SIGNED_FILE_PATH}`, ({ params }) => {
    const id = typeof params.accessory_id === 'string' ? params.accessory_id : '';
    const accessory = model.accessories.get(id);
    return accessory ? fileResponse(accessory) : new HttpResponse(null, { status: 404 });
  });
  return [...routes.map((spec) => route(model, baseUrl, spec)), signedFiles];
}
