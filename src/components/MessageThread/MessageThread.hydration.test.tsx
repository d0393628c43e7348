// Server HTML rendered in one zone, hydrated in a browser in another: the times must not mismatch.
import { act } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { makeMessage } from '../../../test/support/messages.ts';
import { MessageThread } from './MessageThread.tsx';

const zoneBefore = process.env.TZ;
afterEach(() => {
  process.env.TZ = zoneBefore;
});

// 2024-03-10 23:30 UTC: 07:30 the next day in Shanghai, 16:30 (PDT) the same day in Los Angeles.
const messages = [
  makeMessage({ key: 'a', content: 'Hello', createdAt: new Date(Date.UTC(2024, 2, 10, 23, 30)) }),
];
const now = new Date(Date.UTC(2024, 2, 11, 12, 0));
const times = (root: HTMLElement) => [...root.querySelectorAll('time')].map((t) => t.textContent);

test('without a timeZone prop, HTML from a server in another zone hydrates cleanly, then shows the viewer’s zone', async () => {
  process.env.TZ = 'Asia/Shanghai';
  const html = renderToString(<MessageThread messages={messages} locale="en-US" now={now} />);
  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  expect(times(container).join(' ')).toContain('11:30 PM');

  process.env.TZ = 'America/Los_Angeles';
  const errors: unknown[] = [];
  let root: ReturnType<typeof hydrateRoot> | undefined;
  await act(async () => {
    root = hydrateRoot(container, <MessageThread messages={messages} locale="en-US" now={now} />, {
      onRecoverableError: (error) => errors.push(error),
    });
  });
  expect(errors).toEqual([]);
  expect(times(container).join(' ')).toContain('4:30 PM');
  act(() => root?.unmount());
  container.remove();
});
