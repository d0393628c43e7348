const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * The `create_time` to ask older history with. The server answers messages strictly older than that
 * second, but the oldest loaded message may share its second with older ones the first page did not
 * carry: asking from one second later includes them (the copies already shown are folded by the identity
 * rule). Wall-clock arithmetic on the raw string (no time zone involved); an unreadable time is sent as is.
 */
export function olderPageTime(createTime: string): string {
  const m = WALL_CLOCK.exec(createTime);
  if (!m) return createTime;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const next = new Date(Date.UTC(y, mo - 1, d, h, mi, s + 1));
  return next.toISOString().slice(0, 19).replace('T', ' ');
}
