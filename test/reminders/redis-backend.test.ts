/**
 * Two instances sharing one Redis (a key prefix of their own): each reminder is sent exactly once,
 * a cancelled one never. The clock is fixed; the sends are due a moment after it, so the BullMQ
 * delayed jobs become due while both workers compete for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisReminderBackend, type Reminder, sendInstant } from '../../src/reminders/index.ts';
import { silentLogger } from '../support/harness.ts';
import {
  deleteRedisKeys,
  redisAdmin,
  redisTestUrl,
  requireRedis,
  uniqueRedisPrefix,
} from '../support/redis.ts';

const prefix = uniqueRedisPrefix();
const admin = redisAdmin();
beforeAll(requireRedis);
afterAll(async () => {
  await deleteRedisKeys(admin, prefix);
  admin.disconnect();
});

// 200 ms before 09:00 Tokyo on the first send day.
const now = new Date(sendInstant('2026-11-27').getTime() - 200);
const backend = () =>
  new RedisReminderBackend({ url: redisTestUrl, keyPrefix: prefix, now: () => now, logger: silentLogger() });

function reminder(id: string): Reminder {
  return {
    id,
    user: `user-${id}`,
    channel: 'line',
    address: 'U123',
    dialog: 'move-in',
    what: 'reminders:what.moveIn',
    due: '2026-12-04',
    schedule: 'notification',
    locale: 'en',
    sends: ['2026-11-27'],
  };
}

const waitFor = async (condition: () => boolean, ms = 8_000) => {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error('waitFor(): timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('RedisReminderBackend with two instances', () => {
  it('sends each reminder exactly once, and a cancelled one never', async () => {
    const [a, b] = [backend(), backend()];
    const delivered: Array<{ instance: string; sendId: string }> = [];
    const ids = Array.from({ length: 20 }, (_, index) => `r${index}-${prefix.slice(-12, -1)}`);
    for (const [index, id] of ids.entries()) await (index % 2 ? a : b).add(reminder(id));
    // A reminder added twice (the same job id) is one job.
    await a.add(reminder(ids[0] as string));
    expect(await a.list(`user-${ids[0]}`)).toHaveLength(1);
    expect(await b.cancel(`user-${ids[1]}`, ids[1] as string)).toBe(true);

    for (const [name, instance] of [
      ['a', a],
      ['b', b],
    ] as const) {
      instance.start(async (due, day) => {
        delivered.push({ instance: name, sendId: `${due.id}_${day}` });
        await new Promise((resolve) => setTimeout(resolve, 5));
      });
    }
    await waitFor(() => delivered.length >= ids.length - 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await Promise.all([a.close(), b.close()]);

    const sendIds = delivered.map((d) => d.sendId).sort();
    expect(sendIds).toEqual(
      ids
        .filter((id) => id !== ids[1])
        .map((id) => `${id}_2026-11-27`)
        .sort(),
    );
    expect(new Set(sendIds).size).toBe(sendIds.length);
  });
});
