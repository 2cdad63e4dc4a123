/**
 * The store contract shared by every backend (memory, SQLite, Redis): sessions with optimistic
 * concurrency, a per-conversation lock with a fencing token, and a "seen event" set with a TTL for
 * webhook de-duplication. Values are opaque JSON-serialisable records; the engine owns their shape.
 */

export interface StoredRecord<T> {
  value: T;
  /** Incremented on every write; a write naming an older version is refused. */
  version: number;
}

export interface SaveOptions {
  /** The version read before the turn (0 when the record did not exist). */
  expectedVersion: number;
  /** The fencing token of the lock held for this turn: a write under an older token is refused. */
  fence?: number;
  /** Marks this event id as processed in the same atomic write (de-duplication). */
  seenEventId?: string;
  /**
   * Removes this inbox item in the same atomic write: once the turn is persisted (and its event
   * marked seen), a replay of the item would be skipped as a duplicate anyway, so it can go now
   * instead of in a write of its own.
   */
  inboxId?: string;
  /**
   * Added to the inbox in the same atomic write (kept as it is if the id is already there): the
   * turn's answer waiting for its delivery, so that a crash between the save and the delivery
   * loses no answer (the channel replays the item, see the LINE channel's outbox).
   */
  outbox?: InboxItem;
}

export interface Lock {
  readonly key: string;
  /** Monotonically increasing per key: a newer holder always has a larger token. */
  readonly token: number;
  release(): Promise<void>;
}

export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  get<T>(key: string): Promise<StoredRecord<T> | undefined>;
  /** Writes the record; returns its new version. Throws StaleWriteError on a version or fence conflict. */
  save<T>(key: string, value: T, options: SaveOptions): Promise<number>;
  /** Deletes everything stored under this conversation key. */
  delete(key: string): Promise<void>;
  /** Waits (up to `waitMs`) for exclusive use of the conversation; the lock expires after `ttlMs`. */
  lock(key: string, options?: { ttlMs?: number; waitMs?: number }): Promise<Lock>;
  hasSeen(eventId: string): Promise<boolean>;
  /** Marks the id as seen; returns false when it already was. */
  markSeen(eventId: string): Promise<boolean>;
  /**
   * The inbox: events a webhook has received but not yet processed. A channel adds an event here
   * before acknowledging the request and removes it once its turn is persisted, so an event
   * acknowledged just before a crash is processed after the restart instead of being lost.
   */
  inboxAdd(item: InboxItem): Promise<void>;
  inboxRemove(id: string): Promise<void>;
  /**
   * Items added more than `olderThanMs` ago and still not removed, oldest first; only those of
   * `channels` when given (a channel's replay is then not starved by another's backlog).
   */
  inboxPending(olderThanMs: number, limit?: number, channels?: readonly string[]): Promise<InboxItem[]>;
  /**
   * Append-only logs, e.g. a Direct Line conversation's activities. Entries are numbered from 0 in
   * the order appended; a reader resumes from the count it has read (a Direct Line watermark). A log
   * idle longer than the session TTL is forgotten.
   */
  logAppend(log: string, entries: readonly string[]): Promise<number>;
  /** Entries from position `from` on (at most `limit`), oldest first. */
  logRead(log: string, from: number, limit?: number): Promise<string[]>;
  /** Throws when the backend cannot serve requests (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface InboxItem {
  /** Unique per event (e.g. LINE's webhookEventId). */
  id: string;
  /** Which channel owns the item, so that each channel replays only its own. */
  channel: string;
  /** The serialised event, as the channel needs it to replay the turn. */
  payload: string;
  /** Epoch milliseconds when it was received. */
  receivedAt: number;
}

export class StaleWriteError extends Error {
  override name = 'StaleWriteError';
  readonly key: string;
  readonly reason: 'version' | 'fence';
  constructor(key: string, reason: 'version' | 'fence') {
    super(`Store.save(): refused a stale write (${reason} conflict); the turn must be retried`);
    this.key = key;
    this.reason = reason;
  }
}

export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
  readonly key: string;
  constructor(key: string) {
    super('Store.lock(): the conversation stayed locked too long; retry the event later');
    this.key = key;
  }
}

export interface StoreOptions {
  /** Records idle longer than this are forgotten. */
  sessionTtlMs: number;
  /** How long a processed event id is remembered for de-duplication. */
  seenTtlMs: number;
  now?: () => number;
}

export const DEFAULT_LOCK_TTL_MS = 30_000;
/** `logRead()` without a limit: more than a long conversation's activities, less than a flood. */
export const DEFAULT_LOG_READ_LIMIT = 1_000;
export const DEFAULT_LOCK_WAIT_MS = 30_000;
