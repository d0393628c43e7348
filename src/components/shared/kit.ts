/**
 * The first-load code the lazy chunks (upload UI, image previews) use, handed to them rather than imported:
 * a module that both the first load and a lazy chunk import is split by bundlers into a shared chunk of its
 * own, and every such chunk costs gzip context in the first load.
 */
import { isTicketChatError } from '../../client/errors.ts';
import { displayNameOf } from '../AttachmentChip/displayName.ts';
import { FileIcon } from '../AttachmentChip/FileIcon.tsx';
import { FileName } from '../AttachmentChip/FileName.tsx';
import { fileKindOf } from '../AttachmentChip/fileKind.ts';

export const SHARED_KIT = {
  FileIcon,
  FileName,
  displayNameOf,
  fileKindOf,
  isTicketChatError,
};
export type SharedKit = typeof SHARED_KIT;
