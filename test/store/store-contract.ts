/**
 * The contract every store must meet. Each backend's test file calls `storeContract()` with a
 * factory; the same cases run against memory, SQLite and Redis.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StaleWriteError, type Store, type StoreOptions } from '../../src/store/types.ts';

export type StoreFactory = (options: StoreOptions) => Promise<Store> | Store;

export function storeContract(name: string, factory: StoreFactory): void {
  describe(`${name} store contract`, () => {
    let now = 1_000_000;
    const stores: Store[] = [];
    const make = async (overrides: Partial<StoreOptions> = {}) => {
      const store = await factory({ sessionTtlMs: 60_000, seenTtlMs: 10_000, now: () => now, ...overrides });
      stores.push(store);
      return store;
    };
    const key = () => `test:${Math.random().toString(36).slice(2)}`;

    afterEach(async () => {
      for (const store of stores.splice(0)) await store.close();
      now = 1_000_000;
    });

    it('returns undefined for an unknown key', async () => {
      const store = await make();
      expect(await store.get(key())).toBeUndefined();
    });

    it('saves a new record at version 1 and increments on each write', async () => {
      const store = await make();
      const k = key();
      expect(await store.save(k, { step: 1 }, { expectedVersion: 0 })).toBe(1);
      expect(await store.get(k)).toEqual({ value: { step: 1 }, version: 1 });
      expect(await store.save(k, { step: 2 }, { expectedVersion: 1 })).toBe(2);
      expect(await store.get(k)).toEqual({ value: { step: 2 }, version: 2 });
    });

    it('refuses a stale write and keeps the newer value', async () => {
      const store = await make();
      const k = key();
      await store.save(k, { by: 'first' }, { expectedVersion: 0 });
      await store.save(k, { by: 'second' }, { expectedVersion: 1 });
      await expect(store.save(k, { by: 'stale' }, { expectedVersion: 1 })).rejects.toBeInstanceOf(
        StaleWriteError,
      );
      await expect(store.save(k, { by: 'again-new' }, { expectedVersion: 0 })).rejects.toBeInstanceOf(
        StaleWriteError,
      );
      expect((await store.get(k))?.value).toEqual({ by: 'second' });
    });

    it('deletes a record', async () => {
      const store = await make();
      const k = key();
      await store.save(k, { a: 1 }, { expectedVersion: 0 });
      await store.delete(k);
      expect(await store.get(k)).toBeUndefined();
      expect(await store.save(k, { a: 2 }, { expectedVersion: 0 })).toBe(1);
    });

    it('forgets records idle longer than the session TTL', async () => {
      const store = await make();
      const k = key();
      await store.save(k, { a: 1 }, { expectedVersion: 0 });
      now += 59_000;
      expect(await store.get(k)).toBeDefined();
      now += 2_000;
      expect(await store.get(k)).toBeUndefined();
      expect(await store.save(k, { a: 2 }, { expectedVersion: 0 })).toBe(1);
    });

    it('remembers seen event ids until their TTL, and marks them atomically with a save', async () => {
      const store = await make();
      const id = `evt-${key()}`;
      expect(await store.hasSeen(id)).toBe(false);
      expect(await store.markSeen(id)).toBe(true);
      expect(await store.markSeen(id)).toBe(false);
      expect(await store.hasSeen(id)).toBe(true);
      now += 11_000;
      expect(await store.hasSeen(id)).toBe(false);
      const withSave = `evt-${key()}`;
      await store.save(key(), { x: 1 }, { expectedVersion: 0, seenEventId: withSave });
      expect(await store.hasSeen(withSave)).toBe(true);
    });

    it('does not mark the event seen when the save is refused', async () => {
      const store = await make();
      const k = key();
      const id = `evt-${key()}`;
      await store.save(k, { a: 1 }, { expectedVersion: 0 });
      await expect(store.save(k, { a: 2 }, { expectedVersion: 0, seenEventId: id })).rejects.toBeInstanceOf(
        StaleWriteError,
      );
      expect(await store.hasSeen(id)).toBe(false);
    });

    it('gives the lock to one holder at a time, in arrival order', async () => {
      const store = await make();
      const k = key();
      const order: string[] = [];
      const first = await store.lock(k);
      const waiting = ['b', 'c'].map((name) =>
        store.lock(k).then(async (lock) => {
          order.push(name);
          await lock.release();
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('a');
      await first.release();
      await Promise.all(waiting);
      expect(order).toEqual(['a', 'b', 'c']);
    });

    it('issues increasing fencing tokens and refuses a write under an older token', async () => {
      const store = await make();
      const k = key();
      const stalled = await store.lock(k, { ttlMs: 50 });
      const newer = await store.lock(k, { waitMs: 2_000 });
      expect(newer.token).toBeGreaterThan(stalled.token);
      await store.save(k, { by: 'newer' }, { expectedVersion: 0, fence: newer.token });
      await expect(
        store.save(k, { by: 'stalled' }, { expectedVersion: 1, fence: stalled.token }),
      ).rejects.toBeInstanceOf(StaleWriteError);
      expect((await store.get(k))?.value).toEqual({ by: 'newer' });
      await newer.release();
      await stalled.release();
    });

    it('locks different conversations independently', async () => {
      const store = await make();
      const a = await store.lock(key());
      const b = await store.lock(key(), { waitMs: 200 });
      expect(b.token).toBeGreaterThan(0);
      await a.release();
      await b.release();
    });

    it('keeps inbox items until removed and lists the pending ones oldest first', async () => {
      const store = await make();
      const channel = 'line';
      await store.inboxAdd({ id: 'in-2', channel, payload: '{"n":2}', receivedAt: now - 5_000 });
      await store.inboxAdd({ id: 'in-1', channel, payload: '{"n":1}', receivedAt: now - 9_000 });
      await store.inboxAdd({ id: 'in-3', channel, payload: '{"n":3}', receivedAt: now });
      // Adding the same id again (a redelivery) keeps the first copy.
      await store.inboxAdd({ id: 'in-1', channel, payload: '{"n":"again"}', receivedAt: now });
      expect((await store.inboxPending(1_000)).map((item) => [item.id, item.payload])).toEqual([
        ['in-1', '{"n":1}'],
        ['in-2', '{"n":2}'],
      ]);
      expect(await store.inboxPending(0, 1)).toEqual([
        { id: 'in-1', channel, payload: '{"n":1}', receivedAt: now - 9_000 },
      ]);
      await store.inboxRemove('in-1');
      expect((await store.inboxPending(0)).map((item) => item.id)).toEqual(['in-2', 'in-3']);
    });

    it('lists the pending items of the given channels only, not starved by the others', async () => {
      const store = await make();
      for (let n = 0; n < 5; n++)
        await store.inboxAdd({
          id: `busy-${n}`,
          channel: 'line',
          payload: '{}',
          receivedAt: now - 9_000 + n,
        });
      await store.inboxAdd({
        id: 'mine',
        channel: 'directline-outbox',
        payload: '{}',
        receivedAt: now - 5_000,
      });
      await store.inboxAdd({ id: 'also', channel: 'line-outbox', payload: '{}', receivedAt: now - 4_000 });
      expect((await store.inboxPending(1_000, 2, ['directline-outbox'])).map((item) => item.id)).toEqual([
        'mine',
      ]);
      expect(
        (await store.inboxPending(1_000, 2, ['line-outbox', 'directline-outbox'])).map((item) => item.id),
      ).toEqual(['mine', 'also']);
      expect((await store.inboxPending(1_000, 2)).map((item) => item.id)).toEqual(['busy-0', 'busy-1']);
    });

    it('removes an inbox item in the same write as a save, and keeps it when the save is refused', async () => {
      const store = await make();
      const channel = 'line';
      const k = key();
      await store.inboxAdd({ id: 'in-a', channel, payload: '{}', receivedAt: now });
      await store.inboxAdd({ id: 'in-b', channel, payload: '{}', receivedAt: now });
      await store.save(k, { a: 1 }, { expectedVersion: 0, seenEventId: 'in-a', inboxId: 'in-a' });
      expect((await store.inboxPending(0)).map((item) => item.id)).toEqual(['in-b']);
      await expect(
        store.save(k, { a: 2 }, { expectedVersion: 0, seenEventId: 'in-b', inboxId: 'in-b' }),
      ).rejects.toBeInstanceOf(StaleWriteError);
      expect((await store.inboxPending(0)).map((item) => item.id)).toEqual(['in-b']);
      expect(await store.save(k, { a: 2 }, { expectedVersion: 1, inboxId: 'in-b' })).toBe(2);
      expect(await store.inboxPending(0)).toEqual([]);
    });

    it("adds the answer's outbox item in the same write as a save (kept if already there), and not when the save is refused", async () => {
      const store = await make();
      const k = key();
      const answer = { id: 'out-a', channel: 'line-outbox', payload: '{"n":1}', receivedAt: now };
      await store.inboxAdd({ id: 'in-a', channel: 'line', payload: '{}', receivedAt: now });
      await store.save(k, { a: 1 }, { expectedVersion: 0, inboxId: 'in-a', outbox: answer });
      expect(await store.inboxPending(0)).toEqual([answer]);
      await expect(
        store.save(k, { a: 2 }, { expectedVersion: 0, outbox: { ...answer, id: 'out-b' } }),
      ).rejects.toBeInstanceOf(StaleWriteError);
      await store.save(k, { a: 2 }, { expectedVersion: 1, outbox: { ...answer, payload: '{"n":"again"}' } });
      expect(await store.inboxPending(0)).toEqual([answer]);
    });

    it('appends to a log and reads it from any position, forgetting it after the session TTL', async () => {
      const store = await make();
      const log = key();
      expect(await store.logRead(log, 0)).toEqual([]);
      expect(await store.logAppend(log, ['a', 'b'])).toBe(2);
      expect(await store.logAppend(log, ['c'])).toBe(3);
      expect(await store.logRead(log, 0)).toEqual(['a', 'b', 'c']);
      expect(await store.logRead(log, 1, 1)).toEqual(['b']);
      expect(await store.logRead(log, 3)).toEqual([]);
      now += 30_000;
      // Appending keeps the log alive for another TTL.
      expect(await store.logAppend(log, ['d'])).toBe(4);
      now += 59_000;
      expect(await store.logRead(log, 2)).toEqual(['c', 'd']);
      now += 2_000;
      if (store.kind !== 'redis') {
        // Redis expires keys on its own clock (tested below with a real TTL).
        expect(await store.logRead(log, 0)).toEqual([]);
        expect(await store.logAppend(log, ['e'])).toBe(1);
        expect(await store.logRead(log, 0)).toEqual(['e']);
      }
    });

    it('answers ping while open', async () => {
      const store = await make();
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
