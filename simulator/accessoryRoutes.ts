/** Attachment endpoints: download (binary), signed access URL, upload, upload limits. */
import { HttpResponse } from 'msw';
import { contentTypeFor } from './files.ts';
import type { RouteContext, RouteSpec } from './route.ts';
import { pathParam } from './route.ts';
import type { Accessory } from './types.ts';
import { BadRequest, readGroupId, readId, readOptionalString } from './wire.ts';

export const UPLOAD_LIMITS = {
  count: 5,
  sizeMb: 10,
  fileTypes: 'jpg,jpeg,png,gif,pdf,txt,log,csv,zip,docx,xlsx',
};

/** Path of the token-free file URL that access-url hands out (relative to the base URL). */
export const SIGNED_FILE_PATH = '/sim-signed-files/:accessory_id';

const noCaseIds = (): string[] => [];

function pathAccessory(ctx: RouteContext): Accessory {
  const id = readId(pathParam(ctx.params, 'accessory_id'), 'accessory_id');
  const accessory = ctx.model.accessories.get(id);
  if (!accessory) throw new BadRequest('The accessory does not exist');
  return accessory;
}

/** The binary answer of a download: the file's bytes with a content type from its extension. */
export function fileResponse(accessory: Accessory): Response {
  const type = contentTypeFor(accessory.name);
  // An ArrayBuffer, not a Blob: jsdom's Blob is not accepted by Node's Response. Clients read it with .blob().
  return new HttpResponse(accessory.bytes.slice().buffer, {
    headers: {
      'Content-Type': type,
      'Content-Length': String(accessory.bytes.byteLength),
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(accessory.name)}`,
    },
  });
}

export const downloadRoute: RouteSpec = {
  endpoint: 'download',
  method: 'get',
  path: '/v2/servicerequest/accessorys/:accessory_id',
  caseIds: noCaseIds,
  resolve(ctx) {
    readGroupId(ctx.url);
    return { response: fileResponse(pathAccessory(ctx)) };
  },
};

export function accessUrlRoute(baseUrl: string): RouteSpec {
  return {
    endpoint: 'accessUrl',
    method: 'get',
    path: '/v2/servicerequest/accessorys/:accessory_id/access-url',
    caseIds: (url) => {
      const id = url.searchParams.get('incident_id');
      return id ? [id] : [];
    },
    resolve(ctx) {
      readOptionalString(ctx.url, 'incident_id', 64);
      const accessory = pathAccessory(ctx);
      const base = new URL(`${baseUrl}/`, ctx.url);
      const signed = new URL(`sim-signed-files/${encodeURIComponent(accessory.id)}`, base);
      // A fake signature: the URL works without the token header, like a storage pre-signed URL.
      signed.searchParams.set('expires', String(Math.floor(Date.now() / 1000) + 300));
      signed.searchParams.set('signature', 'simulated');
      return { response: HttpResponse.json({ accessory_url: signed.href }) };
    },
  };
}

export const limitsRoute: RouteSpec = {
  endpoint: 'limits',
  method: 'get',
  path: '/v2/servicerequest/accessorys/limits',
  caseIds: noCaseIds,
  resolve() {
    return {
      response: HttpResponse.json({
        accessory_limit: {
          limit_count: String(UPLOAD_LIMITS.count),
          limit_size: String(UPLOAD_LIMITS.sizeMb),
          limit_file_type: UPLOAD_LIMITS.fileTypes,
        },
      }),
    };
  },
};

let uploadCounter = 0;

export const uploadRoute: RouteSpec = {
  endpoint: 'upload',
  method: 'post',
  path: '/v2/servicerequest/accessorys',
  caseIds: noCaseIds,
  async resolve(ctx) {
    readGroupId(ctx.url);
    let form: FormData;
    try {
      form = await ctx.request.formData();
    } catch {
      throw new BadRequest('The body must be multipart/form-data');
    }
    const file = form.get('file');
    if (file === null || typeof file === 'string') throw new BadRequest('file is required');
    let fileName = file.name;
    const formData = form.get('form_data');
    if (typeof formData === 'string' && formData !== '') {
      try {
        const parsed = JSON.parse(formData) as { fileName?: unknown };
        if (typeof parsed.fileName === 'string' && parsed.fileName !== '') fileName = parsed.fileName;
      } catch {
        throw new BadRequest('form_data must be a JSON string');
      }
    }
    if (fileName.length < 1 || fileName.length > 256)
      throw new BadRequest('The file name must be 1..256 characters');
    const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
    if (!UPLOAD_LIMITS.fileTypes.split(',').includes(ext))
      throw new BadRequest('This file type is not allowed');
    if (file.size > UPLOAD_LIMITS.sizeMb * 1024 * 1024) throw new BadRequest('The file is too large');
    uploadCounter += 1;
    const id = `upl-${Date.now().toString(36)}-${uploadCounter}`;
    ctx.model.accessories.set(id, { id, name: fileName, bytes: new Uint8Array(await file.arrayBuffer()) });
    return { response: HttpResponse.json({ accessory_id: id }) };
  },
};
