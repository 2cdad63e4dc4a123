import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite-store.ts';
import { StaleWriteError } from '../../src/store/types.ts';
import { storeContract } from './store-contract.ts';

const folder = mkdtempSync(join(tmpdir(), 'madoguchi-sqlite-'));
let n = 0;
storeContract('sqlite', (options) => new SqliteStore(join(folder, `contract-${++n}.db`), options));

describe('SqliteStore', () => {
  it('keeps conversations across a restart (a new store on the same file)', async () => {
    const path = join(folder, 'restart.db');
    const options = { sessionTtlMs: 60_000, seenTtlMs: 60_000 };
    const first = new SqliteStore(path, options);
    await first.save('line:u1', { step: 'askNoticed' }, { expectedVersion: 0, seenEventId: 'evt-1' });
    await first.close();
    const second = new SqliteStore(path, options);
    expect(await second.get('line:u1')).toEqual({ value: { step: 'askNoticed' }, version: 1 });
    expect(await second.hasSeen('evt-1')).toBe(true);
    // Lock tokens restart with the process; a fresh lock must still be able to write.
    const lock = await second.lock('line:u1');
    await expect(
      second.save('line:u1', { step: 'done' }, { expectedVersion: 1, fence: lock.token }),
    ).resolves.toBe(2);
    await lock.release();
    await second.close();
  });

  it('commits the writes of an event-loop turn together, saves included', async () => {
    const path = join(folder, 'group.db');
    const store = new SqliteStore(path, { sessionTtlMs: 60_000, seenTtlMs: 60_000 });
    await store.save('line:taken', { a: 1 }, { expectedVersion: 0 });
    // Read through another connection: committed, not merely written in the store's own.
    const other = new DatabaseSync(path, { readOnly: true });
    const inboxIds = () => other.prepare('SELECT id FROM inbox ORDER BY id').all();
    const adds = [
      store.inboxAdd({ id: 'evt-1', channel: 'line', payload: '{}', receivedAt: 1 }),
      store.inboxAdd({ id: 'evt-2', channel: 'line', payload: '{}', receivedAt: 2 }),
    ];
    expect(inboxIds()).toEqual([]);
    await Promise.all(adds);
    expect(inboxIds()).toEqual([{ id: 'evt-1' }, { id: 'evt-2' }]);
    // Saves join the group too (a refused one fails alone); nothing is committed before the turn ends.
    const writes = [
      store.inboxAdd({ id: 'evt-3', channel: 'line', payload: '{}', receivedAt: 3 }),
      store.save('line:taken', { a: 2 }, { expectedVersion: 0, seenEventId: 'evt-1', inboxId: 'evt-1' }),
      store.save('line:new', { b: 1 }, { expectedVersion: 0, seenEventId: 'evt-2', inboxId: 'evt-2' }),
    ];
    expect(inboxIds()).toEqual([{ id: 'evt-1' }, { id: 'evt-2' }]);
    const settled = await Promise.allSettled(writes);
    expect(inboxIds()).toEqual([{ id: 'evt-1' }, { id: 'evt-3' }]);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(StaleWriteError);
    expect(other.prepare('SELECT key, version FROM sessions ORDER BY key').all()).toEqual([
      { key: 'line:new', version: 1 },
      { key: 'line:taken', version: 1 },
    ]);
    expect(await store.hasSeen('evt-1')).toBe(false);
    expect(await store.hasSeen('evt-2')).toBe(true);
    other.close();
    await store.close();
  });

  it('commits writes still queued when it closes', async () => {
    const path = join(folder, 'close.db');
    const store = new SqliteStore(path, { sessionTtlMs: 60_000, seenTtlMs: 60_000 });
    const write = store.inboxAdd({ id: 'evt-1', channel: 'line', payload: '{}', receivedAt: 1 });
    await store.close();
    await write;
    const reopened = new SqliteStore(path, { sessionTtlMs: 60_000, seenTtlMs: 60_000 });
    expect((await reopened.inboxPending(0)).map((item) => item.id)).toEqual(['evt-1']);
    await reopened.close();
  });

  it('uses WAL journaling', async () => {
    const store = new SqliteStore(join(folder, 'wal.db'), { sessionTtlMs: 1000, seenTtlMs: 1000 });
    expect(store.db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    await store.close();
  });
});
