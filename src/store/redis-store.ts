/**
 * The shared store for several Madoguchi instances behind a load balancer: one Redis server holds
 * the conversations, locks, seen events and inbox of every instance. Each operation that must be
 * atomic is one Lua script (`redis-scripts.ts`).
 *
 * While Redis is unreachable every call fails at once (no offline queue), so `/readyz` answers 503
 * and a webhook fails instead of waiting; ioredis keeps reconnecting and the store serves again as
 * soon as Redis is back. Needs a single Redis (or a primary with replicas/Sentinel): a save touches
 * the session and a seen-event key in one script, which Redis Cluster would refuse across slots.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ioredis } from '../packages.ts';
import { REDIS_SCRIPTS, type ScriptName } from './redis-scripts.ts';
import {
  DEFAULT_LOCK_TTL_MS,
  DEFAULT_LOCK_WAIT_MS,
  DEFAULT_LOG_READ_LIMIT,
  type InboxItem,
  type Lock,
  LockTimeoutError,
  type SaveOptions,
  StaleWriteError,
  type Store,
  type StoredRecord,
  type StoreOptions,
} from './types.ts';

/** Any command (ping included) that gets no answer within this fails, so a hung server looks down. */
const COMMAND_TIMEOUT_MS = 1_000;
/** Reconnect quickly once Redis is back: 100 ms, 200 ms, … capped at 1 s. */
const reconnectDelay = (attempt: number) => Math.min(attempt * 100, 1_000);
/** Lock waiters poll with a backoff from the first value up to the second. */
const LOCK_POLL_MS = [5, 100] as const;
/** A queued lock waiter that has not polled for this long is presumed gone (its process died). */
const LOCK_WAITER_ALIVE_MS = 2_000;

export type RedisConnectionChange = { state: 'ready' } | { state: 'unreachable'; error: Error };

export interface RedisStoreOptions extends StoreOptions {
  /** `redis://[:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string;
  /** Prepended to every key, so that several deployments (or test runs) can share one Redis. */
  keyPrefix: string;
  /** Called when the connection becomes ready and when it is lost (once per transition). */
  onConnectionChange?: (change: RedisConnectionChange) => void;
  /** The lock waiters' poll backoff, first and longest pause in ms (default 5 and 100). */
  lockPollMs?: readonly [first: number, longest: number];
}

/** An inbox item as the scripts take it (inboxAdd, saveSession's outbox): id, item JSON, receivedAt. */
function inboxItemArgs({ id, channel, payload, receivedAt }: InboxItem): [string, string, number] {
  return [id, JSON.stringify({ id, channel, payload, receivedAt }), receivedAt];
}

export class RedisStore implements Store {
  readonly kind = 'redis';
  private readonly client: Redis;
  private readonly options: RedisStoreOptions;
  private readonly now: () => number;
  private reachable: boolean | undefined;
  private closing = false;
  /** Subscribed to lock releases once a lock() first has to wait; see waitForRelease(). */
  private subscriber: Redis | undefined;
  private readonly releaseWaiters = new Map<string, Set<() => void>>();

  constructor(options: RedisStoreOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.client = new (ioredis().Redis)(options.url, {
      keyPrefix: options.keyPrefix,
      scripts: REDIS_SCRIPTS,
      // Fail fast while disconnected: a webhook answers 503 and is redelivered, rather than
      // waiting on a queue that would replay stale turns later.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: COMMAND_TIMEOUT_MS,
      retryStrategy: reconnectDelay,
    });
    this.client.on('ready', () => this.connectionChanged({ state: 'ready' }));
    this.client.on('error', (error: Error) => this.connectionChanged({ state: 'unreachable', error }));
    this.client.on('close', () => {
      if (!this.closing) {
        this.connectionChanged({ state: 'unreachable', error: new Error('connection closed') });
      }
    });
  }

  /** Resolves once connected (startup and tests); rejects after `timeoutMs`. */
  async waitUntilReady(timeoutMs = 5_000): Promise<void> {
    if (this.client.status === 'ready') return;
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    const timer = setTimeout(
      () => reject(new Error(`RedisStore: Redis did not become ready within ${timeoutMs} ms`)),
      timeoutMs,
    );
    this.client.once('ready', resolve);
    try {
      await promise;
    } finally {
      clearTimeout(timer);
      this.client.off('ready', resolve);
    }
  }

  async get<T>(key: string): Promise<StoredRecord<T> | undefined> {
    const found = (await this.run(
      'getSession',
      [sessionKey(key)],
      [this.now(), this.options.sessionTtlMs],
    )) as [string, string] | null;
    if (!found) return undefined;
    return { value: JSON.parse(found[0]) as T, version: Number(found[1]) };
  }

  async save<T>(key: string, value: T, options: SaveOptions): Promise<number> {
    const keys = [sessionKey(key), fenceKey(key), ...INBOX_KEYS];
    if (options.seenEventId) keys.push(seenKey(options.seenEventId));
    const result = (await this.run('saveSession', keys, [
      options.expectedVersion,
      options.fence ?? '',
      JSON.stringify(value),
      this.now(),
      this.options.sessionTtlMs,
      this.options.seenTtlMs,
      options.inboxId ?? '',
      ...(options.outbox ? inboxItemArgs(options.outbox) : ['', '', 0]),
    ])) as number;
    if (result === -1) throw new StaleWriteError(key, 'version');
    if (result === -2) throw new StaleWriteError(key, 'fence');
    return result;
  }

  /**
   * Deletes the conversation. Its fencing counter stays (a number under a key naming the
   * conversation, expiring one session TTL after the last lock): resetting it would let a stalled
   * holder's old token pass the fence again.
   */
  async delete(key: string): Promise<void> {
    await this.client.del(sessionKey(key));
  }

  /**
   * Waiters queue in Redis by arrival (their first attempt), so the lock goes to the longest
   * waiter of any instance. A release is published, and waiters try again at once; they also poll
   * with a backoff, for locks that expire instead of being released and for a missed message.
   * A waiter that stops polling for LOCK_WAITER_ALIVE_MS (crashed or stalled) loses its place.
   */
  async lock(key: string, options: { ttlMs?: number; waitMs?: number } = {}): Promise<Lock> {
    const ttlMs = options.ttlMs ?? DEFAULT_LOCK_TTL_MS;
    const deadline = performance.now() + (options.waitMs ?? DEFAULT_LOCK_WAIT_MS);
    const waiter = randomUUID();
    const queue = [lockQueueKey(key), lockAliveKey(key)];
    // The counter must outlive any holder that could still try to write under an older token.
    const fenceTtlMs = this.options.sessionTtlMs + ttlMs;
    const [firstPause, longestPause] = this.options.lockPollMs ?? LOCK_POLL_MS;
    let pause: number = firstPause;
    for (;;) {
      const token = (await this.run(
        'tryLock',
        [lockKey(key), fenceKey(key), ...queue],
        [waiter, ttlMs, LOCK_WAITER_ALIVE_MS, fenceTtlMs],
      )) as number;
      if (token > 0) return this.heldLock(key, token);
      const left = deadline - performance.now();
      if (left <= 0) {
        await this.run('leaveLockQueue', queue, [waiter]);
        throw new LockTimeoutError(key);
      }
      await this.waitForRelease(key, Math.min(pause, left));
      pause = Math.min(pause * 2, longestPause);
    }
  }

  private heldLock(key: string, token: number): Lock {
    return {
      key,
      token,
      release: async () => {
        try {
          await this.run('releaseLock', [lockKey(key)], [token, this.releaseChannel, key]);
        } catch {
          // Only fails while Redis is unreachable (already reported through onConnectionChange);
          // the lock then expires by its TTL, and the turn it guarded was written whole or not at all.
        }
      },
    };
  }

  /** Resolves when this conversation's lock is released (by any instance) or after `ms`. */
  private async waitForRelease(key: string, ms: number): Promise<void> {
    this.subscribeToReleases();
    const { promise, resolve } = Promise.withResolvers<void>();
    const waiters = this.releaseWaiters.get(key) ?? new Set();
    this.releaseWaiters.set(key, waiters);
    waiters.add(resolve);
    const timer = setTimeout(resolve, ms);
    await promise;
    clearTimeout(timer);
    waiters.delete(resolve);
    if (waiters.size === 0) this.releaseWaiters.delete(key);
  }

  private subscribeToReleases(): void {
    if (this.subscriber) return;
    // A subscribed connection can only listen, hence a second one. Not awaited: until it is
    // subscribed (or while it is down) waiters simply poll.
    this.subscriber = this.client.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.subscriber.on('error', () => {});
    this.subscriber.on('message', (_channel: string, key: string) => {
      for (const wake of this.releaseWaiters.get(key) ?? []) wake();
    });
    this.subscriber.subscribe(this.releaseChannel).catch(() => {});
  }

  /** Pub/sub channels are not keys: ioredis does not prefix them, so the prefix is added here. */
  private get releaseChannel(): string {
    return `${this.options.keyPrefix}lock-released`;
  }

  async hasSeen(eventId: string): Promise<boolean> {
    return (await this.run('hasSeen', [seenKey(eventId)], [this.now(), this.options.seenTtlMs])) === 1;
  }

  async markSeen(eventId: string): Promise<boolean> {
    return (await this.run('markSeen', [seenKey(eventId)], [this.now(), this.options.seenTtlMs])) === 1;
  }

  async inboxAdd(item: InboxItem): Promise<void> {
    await this.run('inboxAdd', INBOX_KEYS, inboxItemArgs(item));
  }

  async inboxRemove(id: string): Promise<void> {
    await this.run('inboxRemove', INBOX_KEYS, [id]);
  }

  async inboxPending(olderThanMs: number, limit = 100, channels?: readonly string[]): Promise<InboxItem[]> {
    const items = (await this.run('inboxPending', INBOX_KEYS, [
      this.now() - olderThanMs,
      limit,
      channels ? JSON.stringify(channels) : '',
    ])) as Array<string | null>;
    return items.flatMap((json) => (json ? [JSON.parse(json) as InboxItem] : []));
  }

  async logAppend(log: string, entries: readonly string[]): Promise<number> {
    // RPUSH and PEXPIRE in one transaction: the log never lingers without its TTL.
    const results = await this.client
      .multi()
      .rpush(logKey(log), ...entries)
      .pexpire(logKey(log), this.options.sessionTtlMs)
      .exec();
    const [pushError, length] = results?.[0] ?? [new Error('RedisStore.logAppend(): transaction aborted')];
    if (pushError) throw pushError;
    return length as number;
  }

  async logRead(log: string, from: number, limit = DEFAULT_LOG_READ_LIMIT): Promise<string[]> {
    return this.client.lrange(logKey(log), from, from + limit - 1);
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    this.closing = true;
    this.subscriber?.disconnect();
    if (this.client.status !== 'ready') {
      this.client.disconnect();
      return;
    }
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  /** Runs one of the Lua scripts that ioredis registered from REDIS_SCRIPTS. */
  private run(name: ScriptName, keys: string[], args: Array<string | number>): Promise<unknown> {
    const command = (
      this.client as unknown as Record<ScriptName, (...args: Array<string | number>) => Promise<unknown>>
    )[name];
    return command.call(this.client, keys.length, ...keys, ...args);
  }

  private connectionChanged(change: RedisConnectionChange): void {
    const reachable = change.state === 'ready';
    if (this.reachable === reachable) return;
    this.reachable = reachable;
    this.options.onConnectionChange?.(change);
  }
}

// Key layout under the prefix. Conversation keys are `channel:user` (see the engine).
const sessionKey = (key: string) => `session:${key}`;
const fenceKey = (key: string) => `fence:${key}`;
const lockKey = (key: string) => `lock:${key}`;
const lockQueueKey = (key: string) => `lock-queue:${key}`;
const lockAliveKey = (key: string) => `lock-alive:${key}`;
const seenKey = (eventId: string) => `seen:${eventId}`;
const INBOX_KEYS = ['inbox:items', 'inbox:by-time'];
const logKey = (log: string) => `log:${log}`;
