/**
 * Strings of the upload UI. They load with it (the lazy chunk), not with the first render; the keys are typed
 * like the main catalog's, so a locale that misses one does not compile.
 */
import type { TicketChatLocale } from '../i18n/locale.ts';

export interface UploadStrings {
  /** Shown over the chat while files are dragged onto it. */
  dropFiles: string;
  /** Send was pressed while files upload: it goes once they are done. */
  waitingForUploads: string;
  /** A file failed to upload: the message waits (its text is kept). */
  uploadFailedHold: string;
  attachmentsLabel: string;
  removeFile: (name: string) => string;
  retry: string;
  retryUpload: (name: string) => string;
  uploading: (name: string) => string;
  checking: string;
  uploaded: string;
  uploadFailed: (detail: string | null) => string;
  refusedCount: (name: string, max: number) => string;
  refusedSize: (name: string, size: string) => string;
  refusedType: (name: string, types: string) => string;
  refusedEmpty: (name: string) => string;
}

const en: UploadStrings = {
  dropFiles: 'Drop files to attach them',
  waitingForUploads: 'Sending once the files are uploaded…',
  uploadFailedHold: 'A file failed to upload: retry or remove it to send.',
  attachmentsLabel: 'Attachments to send',
  removeFile: (name) => `Remove ${name}`,
  retry: 'Retry',
  retryUpload: (name) => `Retry uploading ${name}`,
  uploading: (name) => `Uploading ${name}`,
  checking: 'Waiting…',
  uploaded: 'Uploaded',
  uploadFailed: (detail) => (detail ? `Upload failed: ${detail}` : 'Upload failed.'),
  refusedCount: (name, max) => `“${name}” was not added: at most ${max} files per message.`,
  refusedSize: (name, size) => `“${name}” is over the ${size} limit per file.`,
  refusedType: (name, types) => `“${name}” is not an allowed file type (allowed: ${types}).`,
  refusedEmpty: (name) => `“${name}” is empty (0 bytes), so it was not added.`,
};

const zh: UploadStrings = {
  dropFiles: '拖放文件到此处以添加附件',
  waitingForUploads: '文件上传完成后将自动发送…',
  uploadFailedHold: '有文件上传失败：请重试或移除后再发送。',
  attachmentsLabel: '待发送的附件',
  removeFile: (name) => `移除 ${name}`,
  retry: '重试',
  retryUpload: (name) => `重试上传 ${name}`,
  uploading: (name) => `正在上传 ${name}`,
  checking: '等待中…',
  uploaded: '已上传',
  uploadFailed: (detail) => (detail ? `上传失败：${detail}` : '上传失败。'),
  refusedCount: (name, max) => `未添加“${name}”：每条消息最多 ${max} 个附件。`,
  refusedSize: (name, size) => `“${name}”超过了单个文件 ${size} 的上限。`,
  refusedType: (name, types) => `“${name}”的文件类型不受支持（支持：${types}）。`,
  refusedEmpty: (name) => `“${name}”是空文件（0 字节），未添加。`,
};

export const uploadStrings = (locale: TicketChatLocale): UploadStrings => (locale === 'en-US' ? en : zh);

const MB = 1024 * 1024;
/** "812 B", "12.5 kB", "3.2 MB" (binary multiples, as the service's MB limit). Intl only. */
export function formatFileSize(bytes: number, locale: TicketChatLocale): string {
  const [value, unit] =
    bytes < 1024 ? [bytes, 'byte'] : bytes < MB ? [bytes / 1024, 'kilobyte'] : [bytes / MB, 'megabyte'];
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: unit === 'byte' ? 'narrow' : 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
}
