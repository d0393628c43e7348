import { memo } from 'react';
import { linkify } from './linkify.ts';

/** Plain text with line breaks kept (CSS pre-wrap) and http(s) URLs as links. Never HTML. */
export const MessageText = memo(function MessageText({ text }: { text: string }) {
  return (
    <p className="tc-msg__text">
      {linkify(text).map((part, i) =>
        part.kind === 'link' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of an immutable string, order never changes
          <a key={i} className="tc-msg__link" href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </p>
  );
});
