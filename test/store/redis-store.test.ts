import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createStore } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import {
  type RedisConnectionChange,
  RedisStore,
  type RedisStoreOptions,
} from '../../src/store/redis-store.ts';
import { LockTimeoutError, StaleWriteError } from '../../src/store/types.ts';
import { fixtureDialog, fixtureResources } from '../support/fixture-dialog.ts';
import { createHarness } from '../support/harness.ts';
import {
  deleteRedisKeys,
  type RedisProxy,
  redisAdmin,
  redisTestUrl,
  requireRedis,
  startRedisProxy,
  uniqueRedisPrefix,
} from '../support/redis.ts';
import { storeContract } from './store-contract.ts';

const runPrefix = uniqueRedisPrefix();
let admin: Redis;
const opened: RedisStore[] = [];
const proxies: RedisProxy[] = [];
let n = 0;

beforeAll(async () => {
  await requireRedis();
  admin = redisAdmin();
});
afterAll(async () => {
  if (!admin) return; // Redis was absent: requireRedis already failed the file with the fix
  await deleteRedisKeys(admin, runPrefix);
  admin.disconnect();
});

/** A store on its own prefix (or a shared one, to play several instances), closed after the test. */
async function openStore(options: Partial<RedisStoreOptions> = {}) {
  const store = new RedisStore({
    sessionTtlMs: 60_000,
    seenTtlMs: 60_000,
    url: redisTestUrl,
    keyPrefix: `${runPrefix}${++n}:`,
    ...options,
  });
  opened.push(store);
  await store.waitUntilReady();
  return store;
}

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const proxy of proxies.splice(0)) await proxy.close();
});

async function proxy(): Promise<RedisProxy> {
  const started = await startRedisProxy();
  proxies.push(started);
  return started;
}

/** Retries until `check` passes (for reconnection, which takes a moment). */
async function eventually(check: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await sleep(50);
    }
  }
}

// The same contract as memory and SQLite; each store gets a prefix of its own.
storeContract('redis', (options) => openStore(options));

describe('RedisStore across instances (one Redis, several processes)', () => {
  it('lets one of two concurrent writers of the same version win; the other gets StaleWriteError', async () => {
    const keyPrefix = `${runPrefix}shared-${++n}:`;
    const [a, b] = [await openStore({ keyPrefix }), await openStore({ keyPrefix })];
    await a.save('line:u1', { step: 0 }, { expectedVersion: 0 });
    for (let round = 1; round <= 20; round++) {
      const results = await Promise.allSettled([
        a.save('line:u1', { step: round, by: 'a' }, { expectedVersion: round }),
        b.save('line:u1', { step: round, by: 'b' }, { expectedVersion: round }),
      ]);
      const won = results.filter((result) => result.status === 'fulfilled');
      const lost = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toBeInstanceOf(StaleWriteError);
      expect(lost[0]).toMatchObject({ reason: 'version' });
    }
    expect((await b.get('line:u1'))?.version).toBe(21);
  });

  it("refuses a stalled holder's late write by its fence, and its late release frees nothing", async () => {
    const keyPrefix = `${runPrefix}shared-${++n}:`;
    const [stalledInstance, liveInstance] = [await openStore({ keyPrefix }), await openStore({ keyPrefix })];
    await liveInstance.save('line:u1', { turn: 1 }, { expectedVersion: 0 });
    const stalled = await stalledInstance.lock('line:u1', { ttlMs: 100 });
    const read = await stalledInstance.get('line:u1');
    // The stalled holder pauses past its TTL; the other instance takes over and writes turn 2.
    const newer = await liveInstance.lock('line:u1', { waitMs: 2_000 });
    expect(newer.token).toBeGreaterThan(stalled.token);
    await liveInstance.save('line:u1', { turn: 2 }, { expectedVersion: 1, fence: newer.token });
    // Even with a version that matches the current record, the old token is refused.
    await expect(
      stalledInstance.save('line:u1', { turn: 'late' }, { expectedVersion: 2, fence: stalled.token }),
    ).rejects.toMatchObject({ name: 'StaleWriteError', reason: 'fence' });
    expect(read?.version).toBe(1);
    await stalled.release();
    await expect(stalledInstance.lock('line:u1', { waitMs: 150 })).rejects.toBeInstanceOf(LockTimeoutError);
    await newer.release();
    expect((await stalledInstance.get('line:u1'))?.value).toEqual({ turn: 2 });
  });

  it('hands the lock over in arrival order across instances', async () => {
    const keyPrefix = `${runPrefix}shared-${++n}:`;
    const [one, two] = [await openStore({ keyPrefix }), await openStore({ keyPrefix })];
    const order: string[] = [];
    const holder = await one.lock('line:u1');
    const waiters: Promise<void>[] = [];
    for (const [name, instance] of [
      ['b', two],
      ['c', one],
      ['d', two],
      ['e', one],
    ] as const) {
      waiters.push(
        instance.lock('line:u1').then(async (lock) => {
          order.push(name);
          await sleep(5);
          await lock.release();
        }),
      );
      // Arrival is the first attempt; let it reach Redis before the next waiter comes.
      await sleep(10);
    }
    order.push('a');
    await holder.release();
    await Promise.all(waiters);
    expect(order).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('wakes the next waiter of another instance on release instead of waiting for its next poll', async () => {
    const keyPrefix = `${runPrefix}shared-${++n}:`;
    // Waiters that poll only every 1.5 s: a hand-over much faster than that came from the release message.
    const slowPoll = { lockPollMs: [1_500, 1_500] as const };
    const [one, two] = [await openStore({ keyPrefix }), await openStore({ keyPrefix, ...slowPoll })];
    const listener = admin.duplicate();
    const released: string[] = [];
    listener.on('message', (_channel: string, key: string) => released.push(key));
    await listener.subscribe(`${keyPrefix}lock-released`);
    const handOvers: number[] = [];
    for (let round = 0; round < 2; round++) {
      const holder = await one.lock('line:u1');
      const next = two.lock('line:u1');
      await sleep(100); // the waiter has tried once and now sleeps until its next poll, 1.5 s later
      const releasedAt = performance.now();
      await holder.release();
      await (await next).release();
      handOvers.push(performance.now() - releasedAt);
    }
    listener.disconnect();
    expect(released.filter((key) => key === 'line:u1').length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...handOvers)).toBeLessThan(1_000);
  });

  it('drops a waiter that gave up or whose process died, so that it blocks nobody', async () => {
    const keyPrefix = `${runPrefix}shared-${++n}:`;
    const [holderInstance, crashing, patient] = [
      await openStore({ keyPrefix }),
      await openStore({ keyPrefix }),
      await openStore({ keyPrefix }),
    ];
    const holder = await holderInstance.lock('line:u1');
    await expect(patient.lock('line:u1', { waitMs: 30 })).rejects.toBeInstanceOf(LockTimeoutError);
    const crashed = crashing.lock('line:u1').catch((error: Error) => error);
    await sleep(20);
    await crashing.close(); // the waiter stops polling, as if its process died
    expect(await crashed).toBeInstanceOf(Error);
    const next = patient.lock('line:u1', { waitMs: 5_000 });
    await holder.release();
    const started = performance.now();
    const lock = await next;
    // The dead waiter keeps its place until it has missed polling for LOCK_WAITER_ALIVE_MS (2 s).
    expect(performance.now() - started).toBeLessThan(3_000);
    await lock.release();
    expect(await admin.exists(`${keyPrefix}lock-queue:line:u1`)).toBe(0);
  });
});

describe('RedisStore expiry (Redis TTLs, real clock)', () => {
  it('lets Redis expire idle sessions, seen ids and released-or-expired locks by itself', async () => {
    const store = await openStore({ sessionTtlMs: 300, seenTtlMs: 300 });
    const prefix = `${runPrefix}${n}:`;
    await store.save('line:u1', { a: 1 }, { expectedVersion: 0, seenEventId: 'evt-1' });
    await store.lock('line:u2', { ttlMs: 300 });
    await store.logAppend('directline:c1', ['{}']);
    for (const key of ['session:line:u1', 'seen:evt-1', 'lock:line:u2', 'log:directline:c1']) {
      const ttl = await admin.pttl(`${prefix}${key}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(300);
    }
    await sleep(400);
    expect(
      await admin.exists(`${prefix}session:line:u1`, `${prefix}seen:evt-1`, `${prefix}lock:line:u2`),
    ).toBe(0);
    expect(await store.get('line:u1')).toBeUndefined();
    expect(await store.hasSeen('evt-1')).toBe(false);
    expect(await store.logRead('directline:c1', 0)).toEqual([]);
  });

  it('keeps the fencing counter when a conversation is deleted ("forget me"), so tokens keep growing', async () => {
    const store = await openStore();
    const first = await store.lock('line:u1');
    await store.save('line:u1', { a: 1 }, { expectedVersion: 0, fence: first.token });
    await store.delete('line:u1');
    await first.release();
    const second = await store.lock('line:u1');
    expect(second.token).toBeGreaterThan(first.token);
    expect(await store.get('line:u1')).toBeUndefined();
    await second.release();
  });
});

describe('RedisStore when Redis goes away', () => {
  it('rejects at once while Redis is unreachable, reports it, and recovers when Redis returns', async () => {
    const front = await proxy();
    const changes: string[] = [];
    const store = await openStore({
      url: front.url,
      onConnectionChange: (change: RedisConnectionChange) => changes.push(change.state),
    });
    await store.save('line:u1', { step: 1 }, { expectedVersion: 0 });
    await expect(store.ping()).resolves.toBeUndefined();

    await front.cut();
    await eventually(() => expect(store.ping()).rejects.toThrow());
    const started = performance.now();
    await expect(store.save('line:u1', { step: 2 }, { expectedVersion: 1 })).rejects.toThrow();
    await expect(store.lock('line:u1')).rejects.toThrow();
    // Fail fast: no offline queue, so a webhook can answer 503 instead of hanging until the 30 s
    // lock wait or a reconnection (a generous bound, so that a loaded machine cannot flake it).
    expect(performance.now() - started).toBeLessThan(5_000);

    await front.restore();
    await eventually(() => expect(store.ping()).resolves.toBeUndefined());
    expect(await store.get('line:u1')).toEqual({ value: { step: 1 }, version: 1 });
    expect(changes).toEqual(['ready', 'unreachable', 'ready']);
  });

  it('fails a turn whole while Redis is cut (nothing half-written) and serves the conversation again after', async () => {
    const front = await proxy();
    const store = await openStore({ url: front.url });
    const { send } = createHarness({ dialogs: [fixtureDialog], extraResources: fixtureResources, store });
    await send({ choice: 'go:move-in' });
    const before = await store.get('test:user-1');
    await front.cut();
    await eventually(() => expect(store.ping()).rejects.toThrow());
    await expect(send({ choice: 'a' })).rejects.toThrow();
    await front.restore();
    await eventually(() => expect(store.ping()).resolves.toBeUndefined());
    expect(await store.get('test:user-1')).toEqual(before);
    const retried = await send({ choice: 'a' });
    expect(retried.keys).toContain('fixture:askDate');
  });
});

describe('createStore and /readyz with REDIS_URL', () => {
  const folder = mkdtempSync(join(tmpdir(), 'madoguchi-redis-'));

  it('uses Redis when REDIS_URL is set and the SQLite file otherwise', async () => {
    const redis = createStore(loadConfig({ REDIS_URL: redisTestUrl, REDIS_KEY_PREFIX: `${runPrefix}x:` }));
    const sqlite = createStore(loadConfig({ DATABASE_PATH: join(folder, 'default.db') }));
    expect([redis.kind, sqlite.kind]).toEqual(['redis', 'sqlite']);
    await redis.close();
    await sqlite.close();
  });

  it('answers /readyz 503 while Redis is unreachable, logging REDIS_URL without its password, then 200', async () => {
    const front = await proxy();
    await front.cut(); // Redis is unreachable when the process starts
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const app = createApp({
      config: loadConfig({ NODE_ENV: 'test', REDIS_URL: front.url, REDIS_KEY_PREFIX: `${runPrefix}app:` }),
      content: {},
      dialogs: [],
      handoff: () => [],
      logger,
    });
    const port = await app.http.listen(0, '127.0.0.1');
    const readyz = async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
    try {
      expect(await readyz()).toBe(503);
      await eventually(async () =>
        expect(lines.join('')).toContain(`cannot reach Redis at REDIS_URL=${front.url}`),
      );
      await front.restore();
      await eventually(async () => expect(await readyz()).toBe(200));
      await front.cut(); // lost mid-run
      await eventually(async () => expect(await readyz()).toBe(503));
      await front.restore();
      await eventually(async () => expect(await readyz()).toBe(200));
    } finally {
      await app.close();
    }
    await front.cut();
    const withPassword = createStore(
      loadConfig({ REDIS_URL: front.url.replace('//', '//:s3cret@'), REDIS_KEY_PREFIX: `${runPrefix}pw:` }),
      logger,
    );
    await eventually(async () => expect(lines.join('')).toContain(':***@127.0.0.1'));
    expect(lines.join('')).not.toContain('s3cret');
    await withPassword.close();
  });
});
