/** The in-memory store: for tests and throwaway runs. Same contract as the persistent stores. */
import { LocalLocks } from './local-lock.ts';
import {
  DEFAULT_LOG_READ_LIMIT,
  type InboxItem,
  type Lock,
  type SaveOptions,
  StaleWriteError,
  type Store,
  type StoredRecord,
  type StoreOptions,
} from './types.ts';

export class MemoryStore implements Store {
  readonly kind = 'memory';
  private readonly records = new Map<string, { json: string; version: number; touchedAt: number }>();
  private readonly seen = new Map<string, number>();
  private readonly inbox = new Map<string, InboxItem>();
  private readonly logs = new Map<string, { entries: string[]; touchedAt: number }>();
  private readonly locks = new LocalLocks();
  private readonly now: () => number;
  private readonly options: StoreOptions;

  constructor(options: StoreOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  async get<T>(key: string): Promise<StoredRecord<T> | undefined> {
    const record = this.records.get(key);
    if (!record) return undefined;
    if (this.now() - record.touchedAt > this.options.sessionTtlMs) {
      this.records.delete(key);
      return undefined;
    }
    return { value: JSON.parse(record.json) as T, version: record.version };
  }

  async save<T>(key: string, value: T, options: SaveOptions): Promise<number> {
    const current = await this.get(key);
    if ((current?.version ?? 0) !== options.expectedVersion) throw new StaleWriteError(key, 'version');
    // The lock lives in this process, so the newest token it issued is the fence to respect.
    if (options.fence !== undefined && options.fence < this.locks.latestToken(key)) {
      throw new StaleWriteError(key, 'fence');
    }
    const version = options.expectedVersion + 1;
    this.records.set(key, {
      json: JSON.stringify(value),
      version,
      touchedAt: this.now(),
    });
    if (options.seenEventId) this.seen.set(options.seenEventId, this.now());
    if (options.inboxId) this.inbox.delete(options.inboxId);
    if (options.outbox) await this.inboxAdd(options.outbox);
    return version;
  }

  async delete(key: string): Promise<void> {
    this.records.delete(key);
  }

  lock(key: string, options?: { ttlMs?: number; waitMs?: number }): Promise<Lock> {
    return this.locks.acquire(key, options);
  }

  async hasSeen(eventId: string): Promise<boolean> {
    const at = this.seen.get(eventId);
    if (at === undefined) return false;
    if (this.now() - at > this.options.seenTtlMs) {
      this.seen.delete(eventId);
      return false;
    }
    return true;
  }

  async markSeen(eventId: string): Promise<boolean> {
    if (await this.hasSeen(eventId)) return false;
    this.seen.set(eventId, this.now());
    return true;
  }

  async inboxAdd(item: InboxItem): Promise<void> {
    if (!this.inbox.has(item.id)) this.inbox.set(item.id, { ...item });
  }

  async inboxRemove(id: string): Promise<void> {
    this.inbox.delete(id);
  }

  async inboxPending(olderThanMs: number, limit = 100, channels?: readonly string[]): Promise<InboxItem[]> {
    const before = this.now() - olderThanMs;
    return [...this.inbox.values()]
      .filter((item) => item.receivedAt <= before && (!channels || channels.includes(item.channel)))
      .sort((a, b) => a.receivedAt - b.receivedAt)
      .slice(0, limit);
  }

  async logAppend(log: string, entries: readonly string[]): Promise<number> {
    const live = this.liveLog(log) ?? { entries: [], touchedAt: 0 };
    live.entries.push(...entries);
    live.touchedAt = this.now();
    this.logs.set(log, live);
    return live.entries.length;
  }

  async logRead(log: string, from: number, limit = DEFAULT_LOG_READ_LIMIT): Promise<string[]> {
    return this.liveLog(log)?.entries.slice(from, from + limit) ?? [];
  }

  private liveLog(log: string): { entries: string[]; touchedAt: number } | undefined {
    const found = this.logs.get(log);
    if (found && this.now() - found.touchedAt > this.options.sessionTtlMs) {
      this.logs.delete(log);
      return undefined;
    }
    return found;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.records.clear();
    this.seen.clear();
    this.inbox.clear();
    this.logs.clear();
  }
}
