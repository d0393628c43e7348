/** Attachment bodies and content types for the download endpoints. */

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function contentTypeFor(fileName: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

// A valid 1x1 transparent PNG, so image previews really render.
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Plausible content for a file name: a real PNG for images, a text body otherwise. */
export function fileBytesFor(fileName: string): Uint8Array {
  if (contentTypeFor(fileName) === 'image/png') return base64Bytes(PNG_1X1);
  const text =
    contentTypeFor(fileName) === 'application/pdf'
      ? `%PDF-1.4\n% simulated attachment ${fileName}\n%%EOF\n`
      : `Simulated attachment: ${fileName}\n`;
  return new TextEncoder().encode(text);
}
