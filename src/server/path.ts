/** The request path below the proxy's mount point, as decoded segments, or a refusal. */
import { PREFIX, Refusal } from './routes.ts';

/** A segment that, decoded, would change which resource the path names or inject anything. */
const UNSAFE_SEGMENT = /^\.{1,2}$|[/\\\p{Cc}]/u;

/** Normalises a mount point: leading slash, no trailing slash ("/" mounts at the root). */
export function normaliseBasePath(basePath: string): string {
  if (!/^\/[\w\-./~]*$/.test(basePath) || /(?:^|\/)\.\.?(?:\/|$)/.test(basePath)) {
    throw new TypeError(`basePath: "${basePath}" is not a plain absolute path`);
  }
  return basePath.replace(/\/+$/, '');
}

/**
 * Decoded segments below `${basePath}/v2/servicerequest` of a raw path (what the URL or the Node request gave,
 * before any normalisation). Refused: dot segments (also percent-encoded), encoded or raw backslashes, encoded
 * slashes, empty segments, control characters, bad percent-encoding. A path outside the mount point is a 404.
 */
export function segmentsBelow(rawPath: string, basePath: string): string[] {
  if (rawPath.includes('\\')) throw new Refusal(400, 'Backslash in the path');
  const mount = `${basePath}${PREFIX}/`;
  if (!rawPath.startsWith(mount)) throw new Refusal(404, 'Not an endpoint of the ticket chat API');
  return rawPath
    .slice(mount.length)
    .split('/')
    .map((raw) => {
      let segment: string;
      try {
        segment = decodeURIComponent(raw);
      } catch {
        throw new Refusal(400, 'Bad percent-encoding in the path');
      }
      if (segment === '') throw new Refusal(400, 'Empty segment in the path');
      if (UNSAFE_SEGMENT.test(segment))
        throw new Refusal(400, 'Dot segment, slash or control character in the path');
      return segment;
    });
}
