/**
 * Reminders on Redis, for several instances: each send is a BullMQ delayed job whose id is the
 * send's id (`<reminder id>_<day>`), so adding it twice adds it once, and BullMQ hands each job to
 * one worker at a time (a lock per job; a job whose worker died is taken again as "stalled", with
 * the same id, which the channel's delivery uses to stay idempotent). Jobs whose time passed while
 * every instance was down run as soon as a worker is back. The reminders themselves (what, when,
 * to whom) are JSON records beside the queue; a cancelled reminder's record is gone, so any of its
 * jobs still running does nothing.
 * https://docs.bullmq.io/guide/jobs/delayed · https://docs.bullmq.io/guide/jobs/job-ids
 */
import type { Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { bullmq, ioredis } from '../packages.ts';
import type { MailboxItem, ReminderBackend } from './backend.ts';
import { sendInstant } from './schedule.ts';
import { type Reminder, sendIdOf } from './types.ts';

const QUEUE = 'reminders';
/** A failed delivery is retried after 1, 2, 4… minutes, at most this many attempts in all. */
const ATTEMPTS = 8;
const RETRY_BASE_MS = 60_000;
/** Kept after the due date in case a late send still reads it; then Redis drops it. */
const RECORD_GRACE_S = 7 * 24 * 3600;

interface SendJob {
  reminderId: string;
  day: string;
}

export interface RedisReminderBackendOptions {
  url: string;
  /** The deployment's key prefix (REDIS_KEY_PREFIX); the queue lives under `<prefix>bull`. */
  keyPrefix: string;
  now: () => Date;
  logger: Logger;
  /** Base delay of the retry backoff (tests shorten it). */
  retryBaseMs?: number;
}

export class RedisReminderBackend implements ReminderBackend {
  readonly kind = 'redis';
  private readonly options: RedisReminderBackendOptions;
  private readonly redis: Redis;
  private readonly queue: Queue<SendJob>;
  private worker: Worker<SendJob> | undefined;

  constructor(options: RedisReminderBackendOptions) {
    this.options = options;
    this.redis = new (ioredis().Redis)(options.url, {
      keyPrefix: options.keyPrefix,
      maxRetriesPerRequest: 1,
    });
    // The store already reports Redis being unreachable (/readyz); here a log line, not a crash.
    this.redis.on('error', (error: Error) =>
      options.logger.warn({ err: error.message }, 'RedisReminderBackend: Redis unreachable; reconnecting'),
    );
    this.queue = new (bullmq().Queue)<SendJob>(QUEUE, {
      connection: { url: options.url },
      prefix: `${options.keyPrefix}bull`,
    });
    this.queue.on('error', (error) =>
      options.logger.error({ err: error }, 'RedisReminderBackend: queue error'),
    );
  }

  private recordKey(id: string): string {
    return `reminders:r:${id}`;
  }

  private userKey(user: string): string {
    return `reminders:u:${user}`;
  }

  private mailboxKey(user: string): string {
    return `reminders:mail:${user}`;
  }

  async add(reminder: Reminder): Promise<void> {
    // Every send day is before the due date: the record is not needed after it.
    const expireAt = Math.floor(sendInstant(reminder.due).getTime() / 1000);
    await this.redis
      .multi()
      .set(this.recordKey(reminder.id), JSON.stringify(reminder))
      .expireat(this.recordKey(reminder.id), expireAt + RECORD_GRACE_S)
      .sadd(this.userKey(reminder.user), reminder.id)
      .exec();
    const now = this.options.now().getTime();
    await this.queue.addBulk(
      reminder.sends.map((day) => ({
        name: 'send',
        data: { reminderId: reminder.id, day },
        opts: {
          jobId: sendIdOf(reminder.id, day),
          delay: Math.max(0, sendInstant(day).getTime() - now),
          attempts: ATTEMPTS,
          backoff: { type: 'exponential', delay: this.options.retryBaseMs ?? RETRY_BASE_MS },
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }

  private async records(ids: string[]): Promise<Reminder[]> {
    if (ids.length === 0) return [];
    const values = await this.redis.mget(ids.map((id) => this.recordKey(id)));
    return values.flatMap((value) => (value ? [JSON.parse(value) as Reminder] : []));
  }

  async list(user: string): Promise<Reminder[]> {
    const ids = await this.redis.smembers(this.userKey(user));
    const reminders = await this.records(ids);
    const pending = await Promise.all(
      reminders.map(async (reminder) => {
        const states = await Promise.all(
          reminder.sends.map((day) => this.queue.getJobState(sendIdOf(reminder.id, day))),
        );
        return states.some((state) => state === 'delayed' || state === 'waiting' || state === 'active');
      }),
    );
    return reminders
      .filter((_, index) => pending[index])
      .sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
  }

  async cancel(user: string, id: string): Promise<boolean> {
    const removed = await this.redis.srem(this.userKey(user), id);
    if (removed === 0) return false;
    const [reminder] = await this.records([id]);
    await this.redis.del(this.recordKey(id));
    // A job already running cannot be removed; it finds no record and sends nothing.
    await Promise.all((reminder?.sends ?? []).map((day) => this.queue.remove(sendIdOf(id, day))));
    return true;
  }

  async cancelAll(user: string): Promise<number> {
    const ids = await this.redis.smembers(this.userKey(user));
    const results = await Promise.all(ids.map((id) => this.cancel(user, id)));
    await this.redis.del(this.userKey(user), this.mailboxKey(user));
    return results.filter(Boolean).length;
  }

  start(deliver: (reminder: Reminder, day: string) => Promise<void>): void {
    this.worker = new (bullmq().Worker)<SendJob>(
      QUEUE,
      async (job: Job<SendJob>) => {
        const [reminder] = await this.records([job.data.reminderId]);
        if (!reminder) return; // cancelled
        await deliver(reminder, job.data.day);
        if (job.data.day === reminder.sends.at(-1)) await this.forgetDone(reminder);
      },
      {
        // BullMQ's blocking connection must wait indefinitely for jobs.
        connection: { url: this.options.url, maxRetriesPerRequest: null },
        prefix: `${this.options.keyPrefix}bull`,
      },
    );
    this.worker.on('failed', (job, error) =>
      this.options.logger.warn(
        { err: error, reminder: job?.data.reminderId, day: job?.data.day, attempts: job?.attemptsMade },
        'RedisReminderBackend: delivery failed; BullMQ retries it with a backoff',
      ),
    );
    this.worker.on('error', (error) =>
      this.options.logger.error({ err: error }, 'RedisReminderBackend: worker error'),
    );
  }

  /** The last send is done: nothing about this reminder is kept. */
  private async forgetDone(reminder: Reminder): Promise<void> {
    await this.redis
      .multi()
      .del(this.recordKey(reminder.id))
      .srem(this.userKey(reminder.user), reminder.id)
      .exec();
  }

  /** The worker runs continuously: due jobs are already being handed over. */
  async runDue(): Promise<number> {
    return 0;
  }

  async mailboxPut(item: MailboxItem): Promise<void> {
    await this.redis.hsetnx(this.mailboxKey(item.user), item.sendId, JSON.stringify(item));
  }

  async mailboxTake(user: string): Promise<MailboxItem[]> {
    const [[, values]] = ((await this.redis
      .multi()
      .hvals(this.mailboxKey(user))
      .del(this.mailboxKey(user))
      .exec()) ?? [[null, []]]) as [[Error | null, string[]]];
    return values
      .map((value) => JSON.parse(value) as MailboxItem)
      .sort((a, b) => a.sendId.localeCompare(b.sendId));
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    this.redis.disconnect();
  }
}
