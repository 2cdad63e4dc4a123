/**
 * Reminders on the embedded default: two tables in a SQLite file (the store's `DATABASE_PATH`),
 * polled by the process. A send is claimed by one UPDATE … RETURNING that moves it from `pending`
 * to `sending`, so two pollers (or two processes on one file) never take the same row. A row left
 * in `sending` by a crash is taken again after `CLAIM_LEASE_MS`; the channel's delivery is
 * idempotent per `sendId` (LINE retry key, mailbox primary key), so it is still delivered once.
 * A send whose time passed while the process was down is simply due at the next poll.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Logger } from '../logger.ts';
import type { MailboxItem, ReminderBackend } from './backend.ts';
import { sendInstant } from './schedule.ts';
import type { Reminder } from './types.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS reminders (
    id TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS reminders_user ON reminders (user);
  CREATE TABLE IF NOT EXISTS reminder_sends (
    reminder_id TEXT NOT NULL REFERENCES reminders (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    send_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending')),
    claimed_at INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (reminder_id, day)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS reminder_sends_due ON reminder_sends (status, send_at);
  CREATE TABLE IF NOT EXISTS reminder_mailbox (
    send_id TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    value TEXT NOT NULL,
    stored_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS reminder_mailbox_user ON reminder_mailbox (user, stored_at);
`;

/** A claimed send not finished within this is presumed lost with its process and taken again. */
export const CLAIM_LEASE_MS = 5 * 60_000;
/** A failed delivery is retried after 1, 2, 4… minutes, at most this many times. */
const MAX_ATTEMPTS = 8;
const RETRY_BASE_MS = 60_000;
const CLAIM_BATCH = 50;

export interface SqliteReminderBackendOptions {
  path: string;
  now: () => Date;
  logger: Logger;
  pollEveryMs?: number;
}

export class SqliteReminderBackend implements ReminderBackend {
  readonly kind = 'sqlite';
  private readonly db: DatabaseSync;
  private readonly options: SqliteReminderBackendOptions;
  private deliver: ((reminder: Reminder, day: string) => Promise<void>) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(options: SqliteReminderBackendOptions) {
    this.options = options;
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new DatabaseSync(options.path);
    this.db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;',
    );
    this.db.exec(SCHEMA);
  }

  async add(reminder: Reminder): Promise<void> {
    this.transaction(() => {
      this.db
        .prepare('INSERT INTO reminders (id, user, value) VALUES (?, ?, ?)')
        .run(reminder.id, reminder.user, JSON.stringify(reminder));
      const insert = this.db.prepare(
        "INSERT INTO reminder_sends (reminder_id, day, send_at, status) VALUES (?, ?, ?, 'pending')",
      );
      for (const day of reminder.sends) insert.run(reminder.id, day, sendInstant(day).getTime());
    });
  }

  async list(user: string): Promise<Reminder[]> {
    const rows = this.db
      .prepare(
        'SELECT value FROM reminders WHERE user = ? AND EXISTS (SELECT 1 FROM reminder_sends WHERE reminder_id = id)',
      )
      .all(user) as Array<{ value: string }>;
    return rows
      .map((row) => JSON.parse(row.value) as Reminder)
      .sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
  }

  async cancel(user: string, id: string): Promise<boolean> {
    const result = this.db.prepare('DELETE FROM reminders WHERE id = ? AND user = ?').run(id, user);
    return Number(result.changes) > 0;
  }

  async cancelAll(user: string): Promise<number> {
    return this.transaction(() => {
      this.db.prepare('DELETE FROM reminder_mailbox WHERE user = ?').run(user);
      return Number(this.db.prepare('DELETE FROM reminders WHERE user = ?').run(user).changes);
    });
  }

  start(deliver: (reminder: Reminder, day: string) => Promise<void>): void {
    this.deliver = deliver;
    this.timer = setInterval(() => void this.runDue(), this.options.pollEveryMs ?? 30_000);
    this.timer.unref();
    void this.runDue();
  }

  /** One poll; concurrent calls share the poll in progress. */
  runDue(): Promise<number> {
    this.running ??= this.poll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async poll(): Promise<number> {
    const deliver = this.deliver;
    if (!deliver || !this.db.isOpen) return 0;
    let delivered = 0;
    for (;;) {
      const claimed = this.claim();
      if (claimed.length === 0) return delivered;
      for (const send of claimed) {
        const reminder = this.reminder(send.reminder_id);
        if (!reminder) continue; // cancelled meanwhile: its sends went with it
        try {
          await deliver(reminder, send.day);
          this.finish(send.reminder_id, send.day);
          delivered += 1;
        } catch (error) {
          this.retryLater(send, error);
        }
      }
    }
  }

  private claim(): Array<{ reminder_id: string; day: string; attempts: number }> {
    const now = this.options.now().getTime();
    return this.db
      .prepare(
        `UPDATE reminder_sends SET status = 'sending', claimed_at = ?
         WHERE (reminder_id, day) IN (
           SELECT reminder_id, day FROM reminder_sends
           WHERE (status = 'pending' AND send_at <= ?) OR (status = 'sending' AND claimed_at <= ?)
           ORDER BY send_at LIMIT ?)
         RETURNING reminder_id, day, attempts`,
      )
      .all(now, now, now - CLAIM_LEASE_MS, CLAIM_BATCH) as Array<{
      reminder_id: string;
      day: string;
      attempts: number;
    }>;
  }

  private reminder(id: string): Reminder | undefined {
    const row = this.db.prepare('SELECT value FROM reminders WHERE id = ?').get(id) as
      | { value: string }
      | undefined;
    return row ? (JSON.parse(row.value) as Reminder) : undefined;
  }

  /** The send is done; a reminder with no sends left is deleted (nothing kept longer than needed). */
  private finish(reminderId: string, day: string): void {
    this.transaction(() => {
      this.db.prepare('DELETE FROM reminder_sends WHERE reminder_id = ? AND day = ?').run(reminderId, day);
      this.db
        .prepare(
          'DELETE FROM reminders WHERE id = ? AND NOT EXISTS (SELECT 1 FROM reminder_sends WHERE reminder_id = ?)',
        )
        .run(reminderId, reminderId);
    });
  }

  private retryLater(send: { reminder_id: string; day: string; attempts: number }, error: unknown): void {
    const attempts = send.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) {
      this.options.logger.error(
        { err: error, reminder: send.reminder_id, day: send.day, attempts },
        'SqliteReminderBackend: gave up a reminder its channel kept refusing',
      );
      this.finish(send.reminder_id, send.day);
      return;
    }
    this.options.logger.warn(
      { err: error, reminder: send.reminder_id, day: send.day, attempts },
      'SqliteReminderBackend: delivery failed; retrying later',
    );
    this.db
      .prepare(
        "UPDATE reminder_sends SET status = 'pending', claimed_at = NULL, attempts = ?, send_at = ? WHERE reminder_id = ? AND day = ?",
      )
      .run(
        attempts,
        this.options.now().getTime() + RETRY_BASE_MS * 2 ** (attempts - 1),
        send.reminder_id,
        send.day,
      );
  }

  async mailboxPut(item: MailboxItem): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO reminder_mailbox (send_id, user, value, stored_at) VALUES (?, ?, ?, ?) ON CONFLICT (send_id) DO NOTHING',
      )
      .run(item.sendId, item.user, JSON.stringify(item), this.options.now().getTime());
  }

  async mailboxTake(user: string): Promise<MailboxItem[]> {
    const rows = this.db
      .prepare('DELETE FROM reminder_mailbox WHERE user = ? RETURNING value, stored_at')
      .all(user) as Array<{ value: string; stored_at: number }>;
    return rows.sort((a, b) => a.stored_at - b.stored_at).map((row) => JSON.parse(row.value) as MailboxItem);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    if (this.db.isOpen) this.db.close();
  }

  private transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }
}
