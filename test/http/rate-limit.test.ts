import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { clientIp, createTokenBucketLimiter } from '../../src/http/rate-limit.ts';
import { sendJson } from '../../src/http/server.ts';
import { startHttpApp } from '../support/http-app.ts';

describe('createTokenBucketLimiter', () => {
  it('allows a burst of perMinute, then refuses with the seconds until the next token', () => {
    let now = 0;
    const limiter = createTokenBucketLimiter({ perMinute: 3, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 20 });
    // Other keys have their own bucket.
    expect(limiter.take('b').allowed).toBe(true);
    now += 20_000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('is off at 0 per minute', () => {
    const limiter = createTokenBucketLimiter({ perMinute: 0 });
    expect(Array.from({ length: 1000 }, () => limiter.take('a').allowed).every(Boolean)).toBe(true);
  });

  it('earns tokens back evenly: half a minute after a spent burst, half the burst is back', () => {
    let now = 0;
    const limiter = createTokenBucketLimiter({ perMinute: 60, now: () => now });
    expect(Array.from({ length: 61 }, () => limiter.take('a').allowed).filter(Boolean)).toHaveLength(60);
    now += 30_000;
    expect(Array.from({ length: 31 }, () => limiter.take('a').allowed).filter(Boolean)).toHaveLength(30);
    // A full minute idle refills the bucket, never beyond the burst.
    now += 600_000;
    expect(Array.from({ length: 61 }, () => limiter.take('a').allowed).filter(Boolean)).toHaveLength(60);
  });

  it('forgets keys whose bucket is full again, as other keys come and go', () => {
    let now = 0;
    const limiter = createTokenBucketLimiter({ perMinute: 60, now: () => now });
    for (let user = 0; user < 1000; user++) limiter.take(`user-${user}`);
    expect(limiter.trackedKeys).toBe(1000);
    // Just before a second has passed, none has earned its token back yet.
    now += 999;
    for (let request = 0; request < 1000; request++) limiter.take(`busy-${request % 2}`);
    expect(limiter.trackedKeys).toBe(1002);
    // A second later their buckets are full again (one token spent, one earned back).
    now += 1;
    for (let request = 0; request < 1000; request++) limiter.take(`busy-${request % 2}`);
    expect(limiter.trackedKeys).toBe(2);
  });

  it('keeps at most maxKeys buckets: idle ones go first, then the oldest', () => {
    let now = 0;
    const idleFirst = createTokenBucketLimiter({ perMinute: 1, maxKeys: 2, now: () => now });
    idleFirst.take('a');
    now += 30_000;
    idleFirst.take('b');
    now += 30_000; // a's bucket is full again, b's is not
    idleFirst.take('c'); // forgets a, keeps b
    expect(idleFirst.take('b').allowed).toBe(false);
    expect(idleFirst.trackedKeys).toBe(2);
  });

  it('keeps at most maxKeys buckets, forgetting the oldest when none is idle', () => {
    const limiter = createTokenBucketLimiter({ perMinute: 1, maxKeys: 2, now: () => 0 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c'); // evicts a
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('c').allowed).toBe(false);
  });
});

describe('clientIp', () => {
  const request = (forwarded?: string) =>
    ({
      headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
      socket: { remoteAddress: '10.0.0.1' },
    }) as unknown as IncomingMessage;

  it('is the socket address unless the proxy is trusted', () => {
    expect(clientIp(request('203.0.113.9'), false)).toBe('10.0.0.1');
    expect(clientIp(request(), true)).toBe('10.0.0.1');
  });

  it("takes the last X-Forwarded-For entry (the trusted proxy's), not the forgeable first one", () => {
    expect(clientIp(request('198.51.100.1, 203.0.113.9'), true)).toBe('203.0.113.9');
  });
});

describe('per-IP limit on a public route', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('answers 429 with Retry-After past the budget, per client IP (X-Forwarded-For with TRUST_PROXY)', async () => {
    const served = await startHttpApp(
      { RATE_LIMIT_PER_IP_PER_MINUTE: '2', TRUST_PROXY: 'true' },
      {
        // A route like the widget token endpoint: one line opts it into the per-IP budget.
        setup: (app) =>
          app.http.addRoute({
            method: 'POST',
            path: '/widget/token',
            perIpLimit: true,
            handler: (_req, res) => sendJson(res, 200, { token: 'x' }),
          }),
      },
    );
    close = served.close;
    const post = (ip: string) =>
      fetch(`${served.base}/widget/token`, { method: 'POST', headers: { 'x-forwarded-for': ip } });
    expect((await post('203.0.113.1')).status).toBe(200);
    expect((await post('203.0.113.1')).status).toBe(200);
    const refused = await post('203.0.113.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({ error: 'too many requests' });
    expect((await post('203.0.113.2')).status).toBe(200);
    // Health checks are not rate-limited (load balancers poll them).
    for (let i = 0; i < 5; i += 1) expect((await fetch(`${served.base}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${served.base}/metrics`)).text();
    expect(metrics).toContain('madoguchi_rate_limited_total{limit="ip"} 1');
  });
});
