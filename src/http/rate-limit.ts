/**
 * Per-key token buckets (per client IP, per user): each key may spend `perMinute` requests in a
 * burst, and earns them back evenly over a minute. In memory and per process: behind a load balancer
 * with N instances a client gets up to N times the budget, which still stops a flood. Keys are
 * opaque strings; the limiter keeps one number per key, and forgets idle keys.
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
  /** Buckets kept at most (memory bound under a spray of addresses): idle ones go first, then the oldest. */
  maxKeys?: number;
  now?: () => number;
}

const MINUTE_MS = 60_000;
const ALLOWED: RateDecision = Object.freeze({ allowed: true });
/** Keys looked at for idleness per call: the sweep keeps pace with new keys without a timer. */
const SWEEP_PER_TAKE = 2;
/**
 * Keys looked at for an idle one when a new key arrives and maxKeys is reached, before the oldest
 * is forgotten. Bounded: a spray of new addresses is exactly when this runs on every request, and a
 * full round over 100,000 busy keys took ~1.8 ms per request.
 */
const SWEEP_AT_CAPACITY = 64;

/**
 * The token bucket kept as one number per key, its "theoretical arrival time" (the generic cell
 * rate algorithm: the same decisions as counting tokens). A request is allowed unless the key's
 * time runs more than a burst ahead of now; each allowed request pushes it one interval further.
 * A time in the past is a full bucket, so idle keys are dropped with nothing lost. The times live
 * in a Float64Array indexed by a slot per key: a request updates a number in place, where the
 * { tokens, at } object per request (and the Map reordering) it replaced gave the garbage
 * collector ~0.3 KB per webhook that outlived the young generation, and under load held tens of
 * thousands of objects for every major GC to mark.
 */
export function createTokenBucketLimiter(
  options: TokenBucketOptions,
): RateLimiter & { readonly trackedKeys: number } {
  const { perMinute } = options;
  if (perMinute <= 0) return { take: () => ALLOWED, trackedKeys: 0 };
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? Date.now;
  const interval = MINUTE_MS / perMinute;
  /** How far ahead of now a key's time may run: a full burst is perMinute requests at once. */
  const tolerance = (perMinute - 1) * interval;
  const slots = new Map<string, number>();
  const freeSlots: number[] = [];
  let arrivals = new Float64Array(64);
  let used = 0;
  let sweep = slots.entries();

  const forget = (key: string, slot: number) => {
    slots.delete(key);
    freeSlots.push(slot);
  };
  /**
   * Looks at the next few keys (round robin) and forgets those whose bucket is full again:
   * forgetting a full bucket changes nothing. (Keeping them a minute longer, to spare a user who
   * writes every few seconds a Map delete and set, held ~4 MB more of keys under the benchmark's
   * traffic of new users and made each major GC's marking longer.)
   */
  const sweepSome = (time: number, count: number) => {
    for (let looked = 0; looked < count; looked++) {
      let next = sweep.next();
      if (next.done) {
        sweep = slots.entries();
        next = sweep.next();
        if (next.done) return;
      }
      const [key, slot] = next.value;
      if ((arrivals[slot] as number) <= time) forget(key, slot);
    }
  };
  const newSlot = (): number => {
    const reused = freeSlots.pop();
    if (reused !== undefined) return reused;
    if (used === arrivals.length) {
      const grown = new Float64Array(used * 2);
      grown.set(arrivals);
      arrivals = grown;
    }
    return used++;
  };

  return {
    /** Keys this holds a time for (tests: idle keys must not pile up). */
    get trackedKeys() {
      return slots.size;
    },
    take(key) {
      const time = now();
      sweepSome(time, SWEEP_PER_TAKE);
      let slot = slots.get(key);
      const arrival = slot === undefined ? time : Math.max(arrivals[slot] as number, time);
      if (arrival - time > tolerance) {
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((arrival - tolerance - time) / 1000)),
        };
      }
      if (slot === undefined) {
        if (slots.size >= maxKeys) {
          sweepSome(time, Math.min(slots.size, SWEEP_AT_CAPACITY));
          // Still full of busy keys (a spray of addresses): the oldest goes.
          const oldest = slots.entries().next().value;
          if (slots.size >= maxKeys && oldest) forget(oldest[0], oldest[1]);
        }
        slot = newSlot();
        slots.set(key, slot);
      }
      arrivals[slot] = arrival + interval;
      return ALLOWED;
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
