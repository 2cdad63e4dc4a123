import { Writable } from 'node:stream';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLineApi } from '../../../src/channels/line/line-api.ts';
import type { LineMessage } from '../../../src/channels/line/render.ts';
import { createLineSender, retryKeyFor } from '../../../src/channels/line/sender.ts';
import { createLogger } from '../../../src/logger.ts';
import { ACCESS_TOKEN, LINE_API, recordLineApi, USER_ID } from './line-app.ts';

const REPLY = '/v2/bot/message/reply';
const PUSH = '/v2/bot/message/push';
const SECRET_TEXT = 'my residence card number is AB12345678CD';

function setup() {
  const lines: string[] = [];
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  const client = createLineApi({ channelAccessToken: ACCESS_TOKEN });
  const sender = createLineSender({ client, logger, retry: { attempts: 3, baseDelayMs: 1 } });
  return { sender, lines };
}

const texts = (count: number): LineMessage[] =>
  Array.from({ length: count }, (_, i) => ({ type: 'text', text: `${SECRET_TEXT} ${i}` }));

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('LineSender.deliver', () => {
  it('replies with the first 5 messages and pushes the rest, each push with its own retry key', async () => {
    const { sender } = setup();
    const api = recordLineApi();
    await sender.deliver({ to: USER_ID, replyToken: 'token', eventId: 'evt-1' }, texts(12));
    expect(api.requests.map((r) => [r.path, (r.body as { messages: unknown[] }).messages.length])).toEqual([
      [REPLY, 5],
      [PUSH, 5],
      [PUSH, 2],
    ]);
    expect(api.to(PUSH).map((r) => r.headers['x-line-retry-key'])).toEqual([
      retryKeyFor('evt-1', 1),
      retryKeyFor('evt-1', 2),
    ]);
  });

  it('retries a push that got a 5xx with the same retry key, and takes 409 as "already accepted"', async () => {
    const { sender, lines } = setup();
    const api = recordLineApi();
    api.answer(
      PUSH,
      [500, { message: 'Internal error' }],
      [409, { message: 'The retry key is already accepted' }],
    );
    await sender.deliver({ to: USER_ID, eventId: 'evt-2' }, texts(1));
    const keys = api.to(PUSH).map((r) => r.headers['x-line-retry-key']);
    expect(keys).toEqual([retryKeyFor('evt-2', 0), retryKeyFor('evt-2', 0)]);
    expect(lines.join('')).not.toMatch(/refused/);
  });

  it("logs a refused reply with LINE's request id and status, never the message text, and does not push", async () => {
    const { sender, lines } = setup();
    nock(LINE_API).post(REPLY).reply(
      400,
      { message: "The property, 'messages[0].text', in the request body is invalid" },
      {
        'x-line-request-id': 'req-123',
      },
    );
    const api = recordLineApi();
    await sender.deliver({ to: USER_ID, replyToken: 'token', eventId: 'evt-3' }, texts(1));
    expect(api.requests).toEqual([]);
    const log = lines.join('');
    expect(log).toContain('"requestId":"req-123"');
    expect(log).toContain('"status":400');
    expect(log).not.toContain(SECRET_TEXT);
  });

  it('after the bounded retries, hands back the parts LINE could not take, to push later', async () => {
    const { sender, lines } = setup();
    const api = recordLineApi();
    api.answer(PUSH, [503, {}], [503, {}], [503, {}]);
    const pending = await sender.deliver({ to: USER_ID, eventId: 'evt-4' }, texts(7));
    expect(api.to(PUSH)).toHaveLength(3);
    expect(pending.map((part) => [part.part, part.messages.length])).toEqual([
      [0, 5],
      [1, 2],
    ]);
    expect(lines.join('')).toContain('LINE is unavailable; the push is queued for later');
    expect(await sender.pushPending({ to: USER_ID, eventId: 'evt-4' }, pending)).toEqual([]);
    expect(
      api
        .to(PUSH)
        .slice(3)
        .map((r) => r.headers['x-line-retry-key']),
    ).toEqual([retryKeyFor('evt-4', 0), retryKeyFor('evt-4', 1)]);
  });

  it('retries a push whose connection failed (no answer at all), with the same retry key', async () => {
    const { sender, lines } = setup();
    nock(LINE_API).post(PUSH).replyWithError('socket hang up');
    const api = recordLineApi();
    expect(await sender.deliver({ to: USER_ID, eventId: 'evt-6' }, texts(1))).toEqual([]);
    expect(api.to(PUSH).map((r) => r.headers['x-line-retry-key'])).toEqual([retryKeyFor('evt-6', 0)]);
    expect(lines.join('')).not.toMatch(/refused|unavailable/);
  });

  it('drops a push LINE refuses for good (4xx): a retry would be refused too', async () => {
    const { sender, lines } = setup();
    const api = recordLineApi();
    api.answer(PUSH, [400, { message: 'bad request' }]);
    expect(await sender.deliver({ to: USER_ID, eventId: 'evt-5' }, texts(1))).toEqual([]);
    expect(api.to(PUSH)).toHaveLength(1);
    expect(lines.join('')).toContain('LineChannel.push(): LINE refused the push');
  });
});

describe('retryKeyFor', () => {
  it('is a stable UUID per event and part', () => {
    expect(retryKeyFor('evt', 0)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(retryKeyFor('evt', 0)).toBe(retryKeyFor('evt', 0));
    expect(retryKeyFor('evt', 1)).not.toBe(retryKeyFor('evt', 0));
    expect(retryKeyFor('other', 0)).not.toBe(retryKeyFor('evt', 0));
  });
});
