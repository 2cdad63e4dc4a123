/**
 * An in-process lock per key with fencing tokens, for the stores that live in one process (memory,
 * embedded SQLite). Waiters queue in arrival order, so one user's events run one at a time, in order.
 * A holder that exceeds its TTL loses the lock to the next waiter; its late write is then refused
 * by the fence check. A key's token is kept only while the key is locked or awaited, or after one
 * of its holders overran its TTL (that holder may still write): keeping every key's token would
 * grow with every conversation the process has ever seen.
 */
import { DEFAULT_LOCK_TTL_MS, DEFAULT_LOCK_WAIT_MS, type Lock, LockTimeoutError } from './types.ts';

interface Entry {
  holder: number | undefined;
  timer: NodeJS.Timeout | undefined;
  queue: Array<() => void>;
}

export class LocalLocks {
  private readonly entries = new Map<string, Entry>();
  private readonly tokens = new Map<string, number>();
  /** Keys one of whose holders overran its TTL: their tokens stay, to fence that holder's write. */
  private readonly overrun = new Set<string>();

  /** Keys this holds any state for (tests: it must not grow with idle conversations). */
  get trackedKeys(): number {
    return new Set([...this.entries.keys(), ...this.tokens.keys()]).size;
  }

  /** The newest token issued for this key (0 if none). */
  latestToken(key: string): number {
    return this.tokens.get(key) ?? 0;
  }

  acquire(key: string, options: { ttlMs?: number; waitMs?: number } = {}): Promise<Lock> {
    const ttlMs = options.ttlMs ?? DEFAULT_LOCK_TTL_MS;
    const waitMs = options.waitMs ?? DEFAULT_LOCK_WAIT_MS;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { holder: undefined, timer: undefined, queue: [] };
      this.entries.set(key, entry);
    }
    const current = entry;
    if (current.holder === undefined && current.queue.length === 0) {
      return Promise.resolve(this.grant(key, current, ttlMs));
    }
    return new Promise((resolve, reject) => {
      const waiter = () => {
        clearTimeout(timeout);
        resolve(this.grant(key, current, ttlMs));
      };
      const timeout = setTimeout(() => {
        current.queue = current.queue.filter((w) => w !== waiter);
        reject(new LockTimeoutError(key));
      }, waitMs);
      timeout.unref();
      current.queue.push(waiter);
    });
  }

  /** Gives the lock to the caller synchronously, so nobody can slip in between. */
  private grant(key: string, entry: Entry, ttlMs: number): Lock {
    const token = this.latestToken(key) + 1;
    this.tokens.set(key, token);
    entry.holder = token;
    entry.timer = setTimeout(() => {
      if (entry.holder !== token) return;
      this.overrun.add(key);
      this.handOver(key, entry);
    }, ttlMs);
    entry.timer.unref();
    return {
      key,
      token,
      release: async () => {
        if (entry.holder === token) this.handOver(key, entry);
      },
    };
  }

  private handOver(key: string, entry: Entry): void {
    clearTimeout(entry.timer);
    entry.holder = undefined;
    const next = entry.queue.shift();
    if (next) next();
    else if (this.entries.get(key) === entry) {
      this.entries.delete(key);
      if (!this.overrun.has(key)) this.tokens.delete(key);
    }
  }
}
