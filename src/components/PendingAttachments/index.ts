// The lazy upload UI: loaded by the composer on the first attach (or the first drag over the chat).
export { type AttachmentStore, checkLimits, createAttachmentStore, typeAllowed } from './attachmentStore.ts';
export {
  holdReason,
  PendingAttachments,
  type PendingAttachmentsProps,
  refusalText,
} from './PendingAttachments.tsx';
export { formatFileSize, type UploadStrings, uploadStrings } from './uploadStrings.ts';
