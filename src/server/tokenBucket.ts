/**
 * Per-key token buckets in memory (one per portal user), so one user's burst is refused here instead of
 * tripping the gateway's throttle (APIG.0308) for every user of the portal. Per process: behind a load
 * balancer each instance has its own buckets.
 */
export interface RateLimitOptions {
  /** Whose bucket a request draws from (a user id from the session). */
  key: (request: Request) => string | Promise<string>;
  /** Requests allowed in a burst. Default 20. */
  burst?: number | undefined;
  /** Requests per second refilled. Default 5. */
  perSecond?: number | undefined;
}

export interface TokenBuckets {
  /** Takes one token: 0 when allowed, else the seconds until one is available. */
  (key: string): number;
  /** Buckets held (full ones are dropped: a full bucket is the same as no bucket). */
  readonly size: number;
}

export function createTokenBuckets(
  burst: number,
  perSecond: number,
  now: () => number = Date.now,
): TokenBuckets {
  if (!(Number.isFinite(burst) && burst >= 1) || !(Number.isFinite(perSecond) && perSecond > 0)) {
    throw new TypeError('rateLimit: burst a finite number >= 1, perSecond a finite number > 0');
  }
  const buckets = new Map<string, { tokens: number; at: number }>();
  const level = (bucket: { tokens: number; at: number }, t: number) =>
    Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
  // Every bucket idle this long is full again: one sweep per refill time keeps the map to the active keys.
  const refillMs = (burst / perSecond) * 1000;
  let sweptAt = now();

  const take = (key: string): number => {
    const t = now();
    if (t - sweptAt >= refillMs) {
      sweptAt = t;
      for (const [k, bucket] of buckets) if (level(bucket, t) >= burst) buckets.delete(k);
    }
    const bucket = buckets.get(key) ?? { tokens: burst, at: t };
    const tokens = level(bucket, t);
    if (tokens < 1) {
      buckets.set(key, { tokens, at: t });
      return Math.ceil((1 - tokens) / perSecond);
    }
    buckets.set(key, { tokens: tokens - 1, at: t });
    return 0;
  };
  return Object.defineProperty(take, 'size', { get: () => buckets.size }) as TokenBuckets;
}
