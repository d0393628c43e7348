import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs` while `live` (for "2 min ago"); `fixed` wins (tests). */
export function useNow(fixed: Date | undefined, live: boolean, intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (fixed || !live) return;
    setNow(new Date());
    const id = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(id);
  }, [fixed, live, intervalMs]);
  return fixed ?? now;
}
