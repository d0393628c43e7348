import '../../src/styles.css';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { MessageThread } from '../../src/components/MessageThread/index.ts';
import { customer, engineer, makeMessage } from '../support/messages.ts';

// Day separators in the viewer's time zone, formatted by the engine's own Intl (ICU differs between
// engines: WebKitGTK's formats en-CA dates as MM/DD/YYYY). Runs in Chromium, Firefox ESR and WebKitGTK.

let root: Root | null = null;
let host: HTMLDivElement | null = null;
afterEach(() => {
  root?.unmount();
  host?.remove();
  root = null;
  host = null;
});

/** Renders the thread and returns its day separators' labels, top to bottom. */
function dayLabels(props: Parameters<typeof MessageThread>[0]): string[] {
  host = document.createElement('div');
  host.style.cssText = 'height: 600px; width: 420px; display: flex; flex-direction: column;';
  document.body.append(host);
  const r = createRoot(host);
  root = r;
  flushSync(() => r.render(<MessageThread {...props} />));
  return [...host.querySelectorAll('[data-kind="day"]')].map((el) => el.textContent ?? '');
}
/** A wall-clock time in Shanghai (UTC+8, no DST) as a Date. */
const shanghai = (y: number, m: number, d: number, h: number, min = 0) =>
  new Date(Date.UTC(y, m - 1, d, h - 8, min));

describe('day separators in every engine', () => {
  it("splits days at the viewer's midnight, not UTC's, and names today and yesterday", () => {
    const labels = dayLabels({
      timeZone: 'Asia/Shanghai',
      locale: 'en-US',
      now: shanghai(2026, 3, 11, 10),
      messages: [
        // 23:30 and 00:30 in Shanghai: two days there, the same UTC day (15:30 and 16:30 UTC on 8 March).
        makeMessage({ ...customer, content: 'late', createdAt: shanghai(2026, 3, 8, 23, 30) }),
        makeMessage({ ...engineer, content: 'after midnight', createdAt: shanghai(2026, 3, 9, 0, 30) }),
        makeMessage({ ...engineer, content: 'yesterday', createdAt: shanghai(2026, 3, 10, 9) }),
        makeMessage({ ...customer, content: 'today', createdAt: shanghai(2026, 3, 11, 8) }),
      ],
    });
    expect(labels).toHaveLength(4);
    expect(labels[0]).toContain('Mar 8');
    expect(labels[1]).toContain('Mar 9');
    expect(labels.slice(2)).toEqual(['Yesterday', 'Today']);
    // The current year is left out.
    expect(labels[0]).not.toContain('2026');
  });

  it('names yesterday across a new year and shows the year of an older day', () => {
    const labels = dayLabels({
      timeZone: 'Asia/Shanghai',
      locale: 'en-US',
      now: shanghai(2026, 1, 1, 10),
      messages: [
        makeMessage({ ...customer, content: 'last summer', createdAt: shanghai(2025, 6, 1, 12) }),
        makeMessage({ ...engineer, content: 'new year eve', createdAt: shanghai(2025, 12, 31, 23, 30) }),
        makeMessage({ ...customer, content: 'new year', createdAt: shanghai(2026, 1, 1, 0, 15) }),
      ],
    });
    expect(labels).toHaveLength(3);
    expect(labels[0]).toContain('Jun 1');
    expect(labels[0]).toContain('2025');
    expect(labels.slice(1)).toEqual(['Yesterday', 'Today']);
  });
});
