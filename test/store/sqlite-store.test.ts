import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite-store.ts';
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

  it('uses WAL journaling', async () => {
    const store = new SqliteStore(join(folder, 'wal.db'), { sessionTtlMs: 1000, seenTtlMs: 1000 });
    expect(store.db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    await store.close();
  });
});
