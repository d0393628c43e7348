/** Shapes shared by the composer (first load) and its lazy upload UI. Types only: no code in the bundle. */
import type { Attachment, AttachmentLimits } from '../../client/types.ts';

export type { SharedKit } from '../shared/kit.ts';

/** What the composer needs to take attachments; `TicketChat` passes its client's (see `useAttachmentUploader`). */
export interface AttachmentUploader {
  /** Uploads one file; resolves with the attachment the message will carry. */
  upload(req: {
    file: Blob;
    fileName: string;
    signal: AbortSignal;
    onProgress: (loaded: number, total: number) => void;
  }): Promise<Attachment>;
  /** The service's limits, checked before any upload. */
  limits(): Promise<AttachmentLimits>;
}

export interface PendingAttachment {
  key: string;
  file: File;
  name: string;
  size: number;
  /** checking: waiting for the limits; failed: `error` says why, retry is offered. */
  status: 'checking' | 'uploading' | 'done' | 'failed';
  /** Bytes of the file sent so far. */
  loaded: number;
  error?: unknown;
  attachment?: Attachment;
  /** Object URL of an image file (revoked when the file leaves the list). */
  preview?: string | undefined;
}

export interface PendingSnapshot {
  items: readonly PendingAttachment[];
  /** Some file is still being checked or uploaded: a send waits. */
  busy: boolean;
  /** Some file failed: a send is held until it is removed or uploaded. */
  failed: boolean;
  /** Send was pressed while files upload: it goes when they are done (not if one fails). */
  waiting: boolean;
  /** Files are being dragged over the drop target. */
  dragging: boolean;
  /** The uploaded attachments, in the order the files were added. */
  attachments: readonly Attachment[];
  /** Files the last add refused before any upload (over a limit, wrong type, empty). */
  refusals: readonly Refusal[];
}

/** Why a file was refused before any upload; the view words it. */
export type Refusal =
  | { kind: 'count'; name: string; max: number }
  | { kind: 'size'; name: string; maxBytes: number }
  | { kind: 'type'; name: string; types: readonly string[] }
  | { kind: 'empty'; name: string };
