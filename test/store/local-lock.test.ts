import { describe, expect, it } from 'vitest';
import { LocalLocks } from '../../src/store/local-lock.ts';

describe('LocalLocks', () => {
  it('keeps nothing for a conversation once its lock is released (memory does not grow with users)', async () => {
    const locks = new LocalLocks();
    for (let user = 0; user < 1_000; user++) {
      const lock = await locks.acquire(`line:user-${user}`);
      expect(locks.trackedKeys).toBe(1);
      await lock.release();
    }
    expect(locks.trackedKeys).toBe(0);
  });

  it('still fences a holder that overran its TTL after the next holder has released', async () => {
    const locks = new LocalLocks();
    const stalled = await locks.acquire('line:u1', { ttlMs: 20 });
    const newer = await locks.acquire('line:u1', { waitMs: 1_000 });
    await newer.release();
    // The overrunning holder's late write would compare its token with this one.
    expect(locks.latestToken('line:u1')).toBeGreaterThan(stalled.token);
    const next = await locks.acquire('line:u1');
    expect(next.token).toBeGreaterThan(newer.token);
    await next.release();
    await stalled.release();
  });
});
