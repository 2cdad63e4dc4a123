/**
 * Where reminders live and how their sends come due. Two backends share this contract: SQLite
 * (the embedded default: a table polled by the process) and Redis (a BullMQ delayed-job queue,
 * shared by several instances). Both hand each send to `deliver` exactly once in effect: a send is
 * claimed atomically, and one handed over again after a crash carries the same `sendId`, which the
 * channel's delivery uses to stay idempotent.
 */
import type { Reminder, ReminderNotice } from './types.ts';

/** What the mailbox (the console) keeps until the user's next visit. */
export type MailboxItem = ReminderNotice;

export interface ReminderBackend {
  readonly kind: 'sqlite' | 'redis';
  add(reminder: Reminder): Promise<void>;
  /** The user's reminders that still have sends to come, by due date. */
  list(user: string): Promise<Reminder[]>;
  /** Cancels one of the user's reminders; false when it is not theirs or already gone. */
  cancel(user: string, id: string): Promise<boolean>;
  /** Cancels all of the user's reminders and empties their mailbox; returns how many were cancelled. */
  cancelAll(user: string): Promise<number>;
  /**
   * Starts handing due sends to `deliver` (a poller or a queue worker). `deliver` throwing means
   * "not delivered": the send is retried later with a backoff.
   */
  start(deliver: (reminder: Reminder, day: string) => Promise<void>): void;
  /** Hands over every send due now, at once (startup, the console before its first turn, tests). */
  runDue(): Promise<number>;
  /** Keeps a notice for the user's next visit; a second put of the same `sendId` is ignored. */
  mailboxPut(item: MailboxItem): Promise<void>;
  /** Removes and returns the user's waiting notices, oldest first. */
  mailboxTake(user: string): Promise<MailboxItem[]>;
  close(): Promise<void>;
}
