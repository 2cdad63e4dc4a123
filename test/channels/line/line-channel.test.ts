import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { retryKeyFor } from '../../../src/channels/line/sender.ts';
import { readLocaleFiles } from '../../../src/i18n/index.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import type { InboxItem } from '../../../src/store/types.ts';
import {
  fixtureEvent,
  fixtureEvents,
  LINE_API,
  lineAppPerTest,
  recordLineApi,
  sign,
  USER_ID,
  webhookBody,
} from './line-app.ts';

const REPLY = '/v2/bot/message/reply';
const PUSH = '/v2/bot/message/push';
const LOADING = '/v2/bot/chat/loading/start';
const SESSION_KEY = `line:${USER_ID}`;

const start = lineAppPerTest();

interface SentMessage {
  type: string;
  text?: string;
  altText?: string;
  quickReply?: { items: Array<{ action: { type: string; data?: string; label?: string } }> };
}
const messagesOf = (request: { body: unknown } | undefined) =>
  (request?.body as { messages?: SentMessage[] } | undefined)?.messages ?? [];

describe('LINE webhook: refusals', () => {
  it('answers 401 to a missing or wrong signature and does nothing else', async () => {
    const { post, channel, store } = await start();
    const api = recordLineApi();
    const body = webhookBody([fixtureEvent('postback')]);
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, { 'x-line-signature': sign(body, 'another-secret') })).status).toBe(401);
    expect((await post(body, { 'x-line-signature': 'not base64 at all' })).status).toBe(401);
    await channel.idle();
    expect(api.requests).toEqual([]);
    expect(await store.inboxPending(0)).toEqual([]);
    expect(await store.get(SESSION_KEY)).toBeUndefined();
  });

  it('answers 400 to a signed body that is not JSON or not a webhook request', async () => {
    const { post } = await start();
    const api = recordLineApi();
    expect((await post('{"events": [')).status).toBe(400);
    expect((await post('{"events": "none"}')).status).toBe(400);
    expect((await post(JSON.stringify({ events: [{ type: 'message' }] }))).status).toBe(400);
    expect(api.requests).toEqual([]);
  });

  it('answers 413 to a body over the limit', async () => {
    const { post } = await start({ channel: { bodyLimit: 1024 } });
    const body = webhookBody([
      fixtureEvent('text-message', { message: { type: 'text', text: 'x'.repeat(2000) } }),
    ]);
    expect((await post(body)).status).toBe(413);
  });

  it('answers 503 when the inbox cannot take the events, so that LINE redelivers them', async () => {
    const store = new MemoryStore({ sessionTtlMs: 3_600_000, seenTtlMs: 3_600_000 });
    store.inboxAdd = async () => {
      throw new Error('disk full');
    };
    const { post, channel } = await start({ store });
    const api = recordLineApi();
    expect((await post(webhookBody([fixtureEvent('postback')]))).status).toBe(503);
    await channel.idle();
    expect(api.requests).toEqual([]);
  });

  it('answers 200 to an empty event list (the console\'s "Verify" button)', async () => {
    const { deliver } = await start();
    expect((await deliver([])).status).toBe(200);
  });

  it('is off, with no route, when the secret and token are not set', async () => {
    const { post } = await start({ env: {} });
    expect((await post(webhookBody([]))).status).toBe(404);
  });
});

describe('LINE webhook: turns', () => {
  it('replies with the reply token, choices as quick-reply postbacks, and empties the inbox', async () => {
    const { deliver, store } = await start();
    const api = recordLineApi();
    expect((await deliver([fixtureEvent('postback')])).status).toBe(200);
    expect(api.requests.map((request) => request.path)).toEqual([REPLY]);
    expect(api.requests[0]?.body).toEqual({
      replyToken: 'b60d432864f44d079f6d8efe86cf404b',
      messages: [
        {
          type: 'text',
          text: 'Which kind?',
          quickReply: {
            items: [
              ['Kind A', 'a'],
              ['Kind B', 'b'],
              ['Break', 'boom'],
              ['Main menu', 'cmd:menu'],
              ['Talk to a person', 'cmd:human'],
            ].map(([label, data]) => ({
              type: 'action',
              action: { type: 'postback', label, data, displayText: label },
            })),
          },
        },
      ],
    });
    expect(await store.inboxPending(0)).toEqual([]);
  });

  it('processes a redelivered or repeated event once', async () => {
    const { deliver, post, channel } = await start();
    const api = recordLineApi();
    const event = fixtureEvent('postback');
    await deliver([event, event]);
    await deliver([{ ...event, deliveryContext: { isRedelivery: true } }]);
    // Two requests carrying the same event at once.
    await Promise.all([post(webhookBody([event])), post(webhookBody([event]))]);
    await channel.idle();
    expect(api.requests.map((request) => request.path)).toEqual([REPLY]);
  });

  it("processes one user's events in order, each after the previous one's turn", async () => {
    const { deliver } = await start();
    const api = recordLineApi();
    await deliver([
      fixtureEvent('postback', { webhookEventId: 'evt-1', replyToken: 'token-1' }),
      fixtureEvent('postback', { webhookEventId: 'evt-2', replyToken: 'token-2', postback: { data: 'a' } }),
      fixtureEvent('datetimepicker-postback', { webhookEventId: 'evt-3', replyToken: 'token-3' }),
    ]);
    const replies = api.to(REPLY);
    expect(replies.map((request) => (request.body as { replyToken: string }).replyToken)).toEqual([
      'token-1',
      'token-2',
      'token-3',
    ]);
    expect(messagesOf(replies[0])[0]?.text).toBe('Which kind?');
    const dateQuestion = messagesOf(replies[1]).at(-1);
    expect(dateQuestion?.text).toBe('Which day?');
    expect(dateQuestion?.quickReply?.items[0]?.action).toEqual({
      type: 'datetimepicker',
      label: 'Pick a date',
      data: 'date-picker',
      mode: 'date',
      initial: '2026-11-25',
      max: '2026-11-25',
    });
    // The date picked in LINE's picker answers the date question.
    expect(messagesOf(replies[2])[0]?.text).toBe('Done: a on Friday, November 20, 2026');
  });

  it('falls back to push with a retry key derived from the event when the reply token has expired', async () => {
    const { deliver } = await start();
    const api = recordLineApi();
    api.answer(REPLY, [400, { message: 'Invalid reply token' }]);
    const event = fixtureEvent('postback');
    await deliver([event]);
    expect(api.requests.map((request) => request.path)).toEqual([REPLY, PUSH]);
    const push = api.to(PUSH)[0];
    expect(push?.headers['x-line-retry-key']).toBe(retryKeyFor(event.webhookEventId, 0));
    expect(push?.body).toMatchObject({ to: USER_ID, messages: [{ type: 'text', text: 'Which kind?' }] });
  });

  it('retries a reply refused with 429, then succeeds', async () => {
    const { deliver } = await start();
    const api = recordLineApi();
    api.answer(REPLY, [429, { message: 'The API rate limit has been exceeded. Try again later.' }]);
    await deliver([fixtureEvent('postback')]);
    expect(api.requests.map((request) => request.path)).toEqual([REPLY, REPLY]);
    expect(api.requests[1]?.body).toEqual(api.requests[0]?.body);
  });

  it('greets a new friend in the language of their LINE profile', async () => {
    const vi = readLocaleFiles().vi as { common: { greeting: string } };
    const { deliver } = await start();
    const api = recordLineApi();
    const profile = nock(LINE_API)
      .get(`/v2/bot/profile/${USER_ID}`)
      .reply(200, { displayName: 'Lan', userId: USER_ID, language: 'vi' });
    await deliver([fixtureEvent('follow')]);
    expect(profile.isDone()).toBe(true);
    // The greeting leads the main menu, a Flex message (its labels are too long for quick replies).
    expect(messagesOf(api.to(REPLY)[0])[0]).toMatchObject({
      type: 'flex',
      altText: vi.common.greeting,
    });
    expect(vi.common.greeting).toMatch(/^Xin chào/);
  });

  it('greets in the default language when the profile cannot be read', async () => {
    const { deliver } = await start();
    const api = recordLineApi();
    nock(LINE_API).get(`/v2/bot/profile/${USER_ID}`).reply(404, { message: 'Not found' });
    await deliver([fixtureEvent('follow')]);
    expect(messagesOf(api.to(REPLY)[0])[0]?.altText).toMatch(/^Hello! I am Madoguchi/);
  });

  it("deletes the user's conversation on unfollow, and sends nothing", async () => {
    const { deliver, store } = await start();
    const api = recordLineApi();
    await deliver([fixtureEvent('postback')]);
    expect(await store.get(SESSION_KEY)).toBeDefined();
    await deliver([fixtureEvent('unfollow')]);
    expect(await store.get(SESSION_KEY)).toBeUndefined();
    expect(api.requests.map((request) => request.path)).toEqual([REPLY]);
  });

  it('answers a sticker with "text and buttons only" and the menu', async () => {
    const { deliver } = await start();
    const api = recordLineApi();
    await deliver([fixtureEvent('sticker-message')]);
    const messages = messagesOf(api.to(REPLY)[0]);
    expect(messages[0]?.text).toBe('Sorry, I can only read text and buttons.');
    expect(messages.length).toBeGreaterThan(1);
  });

  it('ignores group chats and event types it does not handle', async () => {
    const { deliver, store } = await start();
    const api = recordLineApi();
    expect((await deliver(fixtureEvents('group-message'))).status).toBe(200);
    expect(api.requests).toEqual([]);
    expect(await store.inboxPending(0)).toEqual([]);
  });

  it('shows the loading animation when a turn takes long', async () => {
    const store = new MemoryStore({ sessionTtlMs: 3_600_000, seenTtlMs: 3_600_000 });
    const lock = store.lock.bind(store);
    store.lock = async (key, options) => {
      await new Promise((resolve) => setTimeout(resolve, 60));
      return lock(key, options);
    };
    const { deliver } = await start({ store, channel: { loadingDelayMs: 10 } });
    const api = recordLineApi();
    await deliver([fixtureEvent('postback')]);
    expect(api.requests.map((request) => request.path)).toEqual([LOADING, REPLY]);
    expect(api.requests[0]?.body).toEqual({ chatId: USER_ID, loadingSeconds: 20 });
  });

  it('does not show the loading animation for a quick turn', async () => {
    const { deliver } = await start({ channel: { loadingDelayMs: 5_000 } });
    const api = recordLineApi();
    await deliver([fixtureEvent('postback')]);
    expect(api.requests.map((request) => request.path)).toEqual([REPLY]);
  });
});

describe('LINE webhook: the inbox', () => {
  it('replays an event left in the inbox (a crash after the 200) by push, once', async () => {
    const { channel, store } = await start({ channel: { replayAfterMs: 0 } });
    const api = recordLineApi();
    const event = fixtureEvent('postback', { webhookEventId: 'evt-lost' });
    const item: InboxItem = {
      id: 'evt-lost',
      channel: 'line',
      payload: JSON.stringify(event),
      receivedAt: Date.now(),
    };
    await store.inboxAdd(item);
    await channel.replayPending();
    await channel.idle();
    await channel.replayPending();
    await channel.idle();
    expect(api.requests.map((request) => request.path)).toEqual([PUSH]);
    expect(api.requests[0]?.headers['x-line-retry-key']).toBe(retryKeyFor('evt-lost', 0));
    expect(await store.inboxPending(0)).toEqual([]);
  });

  it("leaves other channels' inbox items alone", async () => {
    const { channel, store } = await start({ channel: { replayAfterMs: 0 } });
    const api = recordLineApi();
    const item: InboxItem = { id: 'web-1', channel: 'web', payload: '{}', receivedAt: Date.now() };
    await store.inboxAdd(item);
    await channel.replayPending();
    await channel.idle();
    expect(api.requests).toEqual([]);
    expect(await store.inboxPending(0)).toEqual([item]);
  });

  it('keeps an event whose turn failed in the inbox for a later replay', async () => {
    const store = new MemoryStore({ sessionTtlMs: 3_600_000, seenTtlMs: 3_600_000 });
    const lock = store.lock.bind(store);
    let down = true;
    store.lock = async (key, options) => {
      if (down) throw new Error('store unavailable');
      return lock(key, options);
    };
    const { deliver, channel } = await start({ store, channel: { replayAfterMs: 0 } });
    const api = recordLineApi();
    await deliver([fixtureEvent('postback')]);
    expect(api.requests).toEqual([]);
    expect(await store.inboxPending(0)).toHaveLength(1);
    down = false;
    await channel.replayPending();
    await channel.idle();
    expect(api.requests.map((request) => request.path)).toEqual([PUSH]);
    expect(await store.inboxPending(0)).toEqual([]);
  });

  it('finishes acknowledged work before the app closes', async () => {
    const store = new MemoryStore({ sessionTtlMs: 3_600_000, seenTtlMs: 3_600_000 });
    const lock = store.lock.bind(store);
    store.lock = async (key, options) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return lock(key, options);
    };
    const app = await start({ store, channel: { loadingDelayMs: 5_000 } });
    const api = recordLineApi();
    expect((await app.post(webhookBody([fixtureEvent('postback')]))).status).toBe(200);
    await app.close();
    expect(api.requests.map((request) => request.path)).toEqual([REPLY]);
  });
});

describe('LINE webhook: LINE_API_BASE_URL', () => {
  it('sends to the configured host instead of LINE', async () => {
    const base = 'http://line-stub.test';
    const { deliver } = await start({
      env: {
        LINE_CHANNEL_SECRET: 'test-line-channel-secret',
        LINE_CHANNEL_ACCESS_TOKEN: 'test-line-access-token',
        LINE_API_BASE_URL: base,
      },
    });
    const api = recordLineApi(base);
    await deliver([fixtureEvent('postback')]);
    expect(api.requests.map((request) => request.path)).toEqual([REPLY]);
  });
});
