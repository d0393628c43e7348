import '../../styles.css';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { contrast, isTransparent } from '../../../test/colors.ts';
import { TicketStatus } from './TicketStatus.tsx';

const STATUSES = [0, 1, 2, 3, 4, 12, 17, null] as const;
let root: Root | null = null;
let host: HTMLDivElement | null = null;
afterEach(() => {
  root?.unmount();
  host?.remove();
});

function mount(theme: 'light' | 'dark') {
  host = document.createElement('div');
  host.dataset.theme = theme;
  host.style.cssText =
    'background: var(--tc-color-bg); padding: 8px; display: flex; gap: 8px; flex-wrap: wrap;';
  document.body.append(host);
  const r = createRoot(host);
  root = r;
  flushSync(() =>
    r.render(STATUSES.map((status) => <TicketStatus key={String(status)} status={status} locale="en" />)),
  );
  return [...host.querySelectorAll<HTMLElement>('.tc-ticket-status')];
}

describe.each(['light', 'dark'] as const)('status pills, %s', (theme) => {
  it('tell every status apart by colour and by icon shape, each readable', () => {
    const pills = mount(theme);
    const page = getComputedStyle(host as HTMLElement).backgroundColor;
    const looks = pills.map((pill) => {
      const style = getComputedStyle(pill);
      const icon = getComputedStyle(pill, '::before');
      const background = isTransparent(style.backgroundColor) ? page : style.backgroundColor;
      expect(contrast(style.color, background), pill.textContent ?? '').toBeGreaterThanOrEqual(4.5);
      // The icon is drawn, in the label's colour.
      expect(Number.parseFloat(icon.width)).toBeGreaterThanOrEqual(10);
      expect(icon.backgroundColor).toBe(style.color);
      const shape = icon.maskImage || icon.getPropertyValue('-webkit-mask-image');
      expect(shape).toMatch(/^url\(/);
      return {
        colour: `${style.color} on ${style.backgroundColor} ${style.borderTopStyle}`,
        shape: icon.maskImage || icon.getPropertyValue('-webkit-mask-image'),
      };
    });
    expect(pills.map((p) => p.textContent)).toEqual([
      'Pending acceptance',
      'In progress',
      'Awaiting your confirmation',
      'Completed',
      'Withdrawn',
      'Invalid',
      'Awaiting feedback',
      'Unknown status',
    ]);
    expect(new Set(looks.map((l) => l.colour)).size).toBe(STATUSES.length);
    expect(new Set(looks.map((l) => l.shape)).size).toBe(STATUSES.length);
  });
});
