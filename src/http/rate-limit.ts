/**
 * Per-key token buckets (per client IP, per user): each key may spend `perMinute` requests in a
 * burst, and earns them back evenly over a minute. In memory and per process: behind a load balancer
 * with N instances a client gets up to N times the budget, which still stops a flood. Keys are
 * opaque strings; the limiter keeps only a count and a time per key, and forgets idle keys.
 */
import type { IncomingMessage } from 'node:http';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Spends one token of `key`'s bucket, or says how long until one is back. */
  take(key: string): RateDecision;
}

export interface TokenBucketOptions {
  /** Requests per minute; also the burst size. 0 turns the limit off. */
  perMinute: number;
  /** Buckets kept at most (memory bound under a spray of addresses); the oldest go first. */
  maxKeys?: number;
  now?: () => number;
}

const MINUTE_MS = 60_000;

export function createTokenBucketLimiter(options: TokenBucketOptions): RateLimiter {
  const { perMinute } = options;
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? Date.now;
  /** A Map iterates in insertion order: re-inserting on use keeps the least recently used first. */
  const buckets = new Map<string, { tokens: number; at: number }>();
  if (perMinute <= 0) return { take: () => ({ allowed: true }) };
  const perMs = perMinute / MINUTE_MS;
  return {
    take(key) {
      const time = now();
      const bucket = buckets.get(key);
      const tokens = bucket ? Math.min(perMinute, bucket.tokens + (time - bucket.at) * perMs) : perMinute;
      buckets.delete(key);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: time });
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
      }
      buckets.set(key, { tokens: tokens - 1, at: time });
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      return { allowed: true };
    },
  };
}

/**
 * The client's address. With `trustProxy`, the last `X-Forwarded-For` entry: the one our own
 * reverse proxy appended (earlier entries come from the client and can be forged).
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && forwarded) {
    const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded).split(',').at(-1)?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
