export { AttachmentChip, type AttachmentChipProps } from './AttachmentChip.tsx';
export { extensionOf, type FileKind, fileKindOf, splitForTruncation } from './fileKind.ts';
