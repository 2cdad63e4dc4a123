/**
 * A fixed-window limit per client address: at most `limit` requests per `windowMs`. In memory, per
 * instance (several instances each allow the limit). Enough to stop a page from minting tokens in
 * a loop; a reverse proxy or WAF is the place for anything stronger.
 */
import type { IncomingMessage } from 'node:http';

export interface RateLimiter {
  /** Counts the request; returns the seconds to wait when over the limit, or 0 when allowed. */
  take(key: string): number;
}

/** Windows kept before old ones are swept, so that a flood of addresses cannot grow the map forever. */
const MAX_TRACKED = 10_000;

export function createRateLimiter(options: {
  limit: number;
  windowMs: number;
  now?: () => number;
}): RateLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key) {
      const at = now();
      if (windows.size >= MAX_TRACKED) {
        for (const [k, w] of windows) if (at - w.start >= options.windowMs) windows.delete(k);
      }
      const current = windows.get(key);
      if (!current || at - current.start >= options.windowMs) {
        windows.set(key, { start: at, count: 1 });
        return 0;
      }
      current.count += 1;
      if (current.count <= options.limit) return 0;
      return Math.ceil((current.start + options.windowMs - at) / 1000);
    },
  };
}

/** The client's address: the first X-Forwarded-For hop behind a trusted proxy, else the socket's. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string') {
    const first = forwarded.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
