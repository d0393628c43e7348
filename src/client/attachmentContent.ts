import { MAX_SEND_CONTENT_LENGTH } from './model.ts';
/**
 * The content of a message sent with attachments and no text. The service requires content (1..2000
 * characters), so it is a paperclip and the file names ("📎 a.png, b.log"): what a support engineer's console
 * shows for such a message. The thread does not repeat it as text beside the attachments
 * (`isAttachmentsContent`); the paperclip keeps a typed text that happens to equal a file name visible.
 */
import type { Attachment } from './types.ts';

export function attachmentsContent(attachments: readonly Attachment[]): string {
  // Never a lone high surrogate at the 2000th unit.
  return `📎 ${attachments.map((a) => a.name).join(', ')}`
    .slice(0, MAX_SEND_CONTENT_LENGTH)
    .replace(/[\uD800-\uDBFF]$/, '');
}

/** The message's text is only the stand-in for its attachments' names. */
export const isAttachmentsContent = (message: { content: string; attachments: readonly Attachment[] }) =>
  message.attachments.length > 0 && message.content === attachmentsContent(message.attachments);
