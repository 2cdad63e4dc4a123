/** A reminder pushed on LINE: the push intercepted with nock, its retry key, and a repeat accepted once. */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createLineApi } from '../../src/channels/line/line-api.ts';
import {
  createLineReminderDelivery,
  reminderRetryEventId,
} from '../../src/channels/line/reminder-delivery.ts';
import { createLineSender, retryKeyFor } from '../../src/channels/line/sender.ts';
import type { ReminderNotice } from '../../src/reminders/index.ts';
import { ACCESS_TOKEN, recordLineApi, USER_ID } from '../channels/line/line-app.ts';
import { silentLogger } from '../support/harness.ts';
import { translator } from './support.ts';

afterEach(() => nock.cleanAll());

const notice: ReminderNotice = {
  sendId: '0b5e6f0e-8f43-4c3b-9d7e-2f1c9a8b7c6d_2026-11-27',
  reminderId: '0b5e6f0e-8f43-4c3b-9d7e-2f1c9a8b7c6d',
  user: 'opaque',
  address: USER_ID,
  dialog: 'move-in',
  what: 'reminders:what.moveIn',
  due: '2026-12-04',
  locale: 'ja',
};

function delivery() {
  const client = createLineApi({ channelAccessToken: ACCESS_TOKEN });
  const sender = createLineSender({ client, logger: silentLogger(), retry: { attempts: 2, baseDelayMs: 1 } });
  return createLineReminderDelivery(sender, translator());
}

const message = () =>
  translator().renderMessage({ kind: 'text', text: { key: 'reminders:notice.title' } }, 'ja');

describe('LINE reminder delivery', () => {
  it('pushes to the user id with an X-Line-Retry-Key derived from the send id', async () => {
    const api = recordLineApi();
    await delivery().send(notice, [message()]);
    const [push] = api.to('/v2/bot/message/push');
    expect(push?.headers['x-line-retry-key']).toBe(retryKeyFor(reminderRetryEventId(notice.sendId), 0));
    expect(push?.body).toMatchObject({ to: USER_ID, messages: [{ type: 'text', text: 'リマインダー' }] });
  });

  it('the same send handed over again gets 409 from LINE and counts as delivered; the key is the same', async () => {
    const api = recordLineApi();
    api.answer(
      '/v2/bot/message/push',
      [200, { sentMessages: [] }],
      [409, { message: 'The retry key is already accepted' }],
    );
    await delivery().send(notice, [message()]);
    await expect(delivery().send(notice, [message()])).resolves.toBeUndefined();
    const keys = api.to('/v2/bot/message/push').map((request) => request.headers['x-line-retry-key']);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
  });

  it('a push LINE cannot take now throws, so that the queue retries it later', async () => {
    const api = recordLineApi();
    const unavailable = [500, { message: 'Internal server error' }] as const;
    api.answer('/v2/bot/message/push', [...unavailable], [...unavailable]);
    await expect(delivery().send(notice, [message()])).rejects.toThrow(/could not take the push now/);
  });

  it('a push LINE refuses for good is not retried (it would be refused again)', async () => {
    const api = recordLineApi();
    api.answer('/v2/bot/message/push', [400, { message: 'The request body has 1 error(s)' }]);
    await expect(delivery().send(notice, [message()])).resolves.toBeUndefined();
    expect(api.to('/v2/bot/message/push')).toHaveLength(1);
  });
});
