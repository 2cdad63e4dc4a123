/**
 * Faults around the LINE channel: LINE down or slow (timeouts, retries with backoff, the outbox —
 * no lost answer, no duplicate), the store failing a write (the turn is refused and replayed, never
 * half-applied), a crash in one dialog (apology and menu; other users untouched).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';
import { LINE_OUTBOX } from '../../../src/channels/line/line-channel.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { SqliteStore } from '../../../src/store/sqlite-store.ts';
import {
  ACCESS_TOKEN,
  CHANNEL_SECRET,
  fixtureEvent,
  LINE_API,
  lineAppPerTest,
  startLineApp,
  USER_ID,
  webhookBody,
} from './line-app.ts';

const REPLY = '/v2/bot/message/reply';
const PUSH = '/v2/bot/message/push';
const OTHER_USER = 'U0000000000000000000000000000beef';

/**
 * A stand-in for the LINE Messaging API that behaves like it on the points that matter here: a
 * reply token works once ("Invalid reply token" after), a push retry key is accepted once (409
 * after), a slow answer is still processed, and it can be down (503).
 */
function fakeLine() {
  const state = { down: false, delayMs: 0 };
  const usedTokens = new Set<string>();
  const acceptedKeys = new Set<string>();
  /** What reached users' phones. */
  const delivered: Array<{ to: string; via: 'reply' | 'push'; texts: string[] }> = [];
  const calls: string[] = [];
  nock(LINE_API)
    .matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`)
    .persist()
    .post(/^\/v2\/bot\/(message\/(reply|push)|chat\/loading\/start)$/)
    .reply(async (request: Request) => {
      const path = new URL(request.url).pathname;
      calls.push(path);
      const body = (await request.json()) as {
        to?: string;
        replyToken?: string;
        messages?: Array<{ text?: string }>;
      };
      await new Promise((resolve) => setTimeout(resolve, state.delayMs));
      if (state.down) return [503, { message: 'Service unavailable' }];
      const texts = (body.messages ?? []).map((message) => message.text ?? '');
      if (path === REPLY) {
        const token = body.replyToken ?? '';
        if (usedTokens.has(token)) return [400, { message: 'Invalid reply token' }];
        usedTokens.add(token);
        delivered.push({ to: token, via: 'reply', texts });
      } else if (path === PUSH) {
        const key = request.headers.get('x-line-retry-key') ?? '';
        if (acceptedKeys.has(key)) return [409, { message: 'The retry key is already accepted' }];
        acceptedKeys.add(key);
        delivered.push({ to: body.to ?? '', via: 'push', texts });
      }
      return [200, path === REPLY || path === PUSH ? { sentMessages: [] } : {}];
    });
  return { state, delivered, calls };
}

const start = lineAppPerTest({ channel: { replayAfterMs: 0, loadingDelayMs: 60_000 } });

describe('LINE down or slow', () => {
  it('LINE down: retries, then queues the answer in the outbox; pushes it once LINE is back', async () => {
    const line = fakeLine();
    const { deliver, channel, store, app } = await start();
    line.state.down = true;
    await deliver([fixtureEvent('postback')]);
    // reply × 3 attempts, then push × 3 attempts, all refused.
    expect(line.calls).toEqual([REPLY, REPLY, REPLY, PUSH, PUSH, PUSH]);
    expect(line.delivered).toEqual([]);
    const outbox = await store.inboxPending(0);
    expect(outbox.map((item) => item.channel)).toEqual([LINE_OUTBOX]);

    // Still down at the next replay: the item stays.
    await channel.replayPending();
    await channel.idle();
    expect(await store.inboxPending(0)).toHaveLength(1);

    line.state.down = false;
    await channel.replayPending();
    await channel.idle();
    expect(line.delivered).toEqual([{ to: USER_ID, via: 'push', texts: ['Which kind?'] }]);
    expect(await store.inboxPending(0)).toEqual([]);
    // A later replay sends nothing more.
    await channel.replayPending();
    await channel.idle();
    expect(line.delivered).toHaveLength(1);
    const metrics = await app.metrics.registry.getSingleMetricAsString('madoguchi_errors_total');
    expect(metrics).toContain('madoguchi_errors_total{kind="delivery"} 2');
  });

  it('LINE slow: a timed-out reply that got through is not sent again (retry hears "Invalid reply token")', async () => {
    const line = fakeLine();
    line.state.delayMs = 120;
    // Timeouts of 50, 100, 200, then 400 ms: a later attempt waits long enough to hear LINE.
    const { deliver } = await start({
      channel: { requestTimeoutMs: 50, retry: { attempts: 4, baseDelayMs: 1 } },
    });
    await deliver([fixtureEvent('postback')]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(line.calls.filter((path) => path === PUSH)).toEqual([]);
    expect(line.delivered).toEqual([
      { to: 'b60d432864f44d079f6d8efe86cf404b', via: 'reply', texts: ['Which kind?'] },
    ]);
  });

  it('LINE slow on push: timeouts, then the outbox; the push that got through is not delivered twice', async () => {
    const line = fakeLine();
    line.state.delayMs = 80;
    const { deliver, channel, store } = await start({
      channel: { requestTimeoutMs: 10, retry: { attempts: 2, baseDelayMs: 1 } },
    });
    // No reply token (a replayed event): straight to push.
    const event = fixtureEvent('postback', { replyToken: undefined });
    await deliver([event]);
    expect(await store.inboxPending(0)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    line.state.delayMs = 0;
    await channel.replayPending();
    await channel.idle();
    expect(line.delivered).toEqual([{ to: USER_ID, via: 'push', texts: ['Which kind?'] }]);
    expect(line.calls.filter((path) => path === PUSH).length).toBeGreaterThanOrEqual(3);
    expect(await store.inboxPending(0)).toEqual([]);
  });

  it('"forget me" drops the answers still waiting in the outbox for that user', async () => {
    const line = fakeLine();
    const { deliver, store } = await start();
    line.state.down = true;
    await deliver([fixtureEvent('postback')]);
    expect(await store.inboxPending(0)).toHaveLength(1);
    line.state.down = false;
    await deliver([
      fixtureEvent('text-message', {
        webhookEventId: 'forget-1',
        message: { type: 'text', text: 'forget me' },
      }),
    ]);
    expect(await store.inboxPending(0)).toEqual([]);
    expect(await store.get(`line:${USER_ID}`)).toBeUndefined();
  });
});

describe('the store failing a write', () => {
  it('refuses the turn (no answer sent, session unchanged), keeps the event, and replays it once the store is back', async () => {
    const line = fakeLine();
    const store = new MemoryStore({ sessionTtlMs: 3_600_000, seenTtlMs: 3_600_000 });
    const { deliver, channel } = await start({ store });
    await deliver([fixtureEvent('postback', { webhookEventId: 'start' })]);
    const before = await store.get(`line:${USER_ID}`);
    expect(before?.version).toBe(1);

    const save = store.save.bind(store);
    let failing = true;
    store.save = async (key, value, options) => {
      if (failing) throw new Error('disk I/O error');
      return save(key, value, options);
    };
    const answer = fixtureEvent('postback', { webhookEventId: 'answer', postback: { data: 'a' } });
    expect((await deliver([answer])).status).toBe(200);
    expect(line.delivered).toHaveLength(1); // only the first turn's reply
    expect(await store.get(`line:${USER_ID}`)).toEqual(before);
    expect(await store.hasSeen('answer')).toBe(false);
    expect((await store.inboxPending(0)).map((item) => item.id)).toEqual(['answer']);

    failing = false;
    await channel.replayPending();
    await channel.idle();
    expect(line.delivered.at(-1)).toEqual({ to: USER_ID, via: 'push', texts: ['Which day?'] });
    expect((await store.get(`line:${USER_ID}`))?.version).toBe(2);
    expect(await store.inboxPending(0)).toEqual([]);
  });
});

describe("a crash between a turn's save and its delivery", () => {
  it('loses no answer: the save put it in the outbox, and the next start pushes it', async () => {
    const line = fakeLine();
    // The first instance's LINE calls never get an answer: it "dies" with its reply in flight.
    const DEAD_LINE = 'https://line.unreachable.test';
    nock(DEAD_LINE).persist().post(/.*/).delay(5_000).reply(200, {});
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-crash-'));
    const database = join(dir, 'db.sqlite');
    const storeOptions = { sessionTtlMs: 3_600_000, seenTtlMs: 3_600_000 };
    const channel = { replayAfterMs: 0, loadingDelayMs: 60_000 };
    const first = await startLineApp({
      store: new SqliteStore(database, storeOptions),
      env: {
        LINE_CHANNEL_SECRET: CHANNEL_SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: ACCESS_TOKEN,
        LINE_API_BASE_URL: DEAD_LINE,
      },
      channel: { ...channel, requestTimeoutMs: 300, retry: { attempts: 1, baseDelayMs: 1 } },
    });
    const store = new SqliteStore(database, storeOptions);
    try {
      expect(
        (await first.post(webhookBody([fixtureEvent('postback', { webhookEventId: 'e1' })]))).status,
      ).toBe(200);
      // The turn's write: the session, the event seen, and the answer in the outbox, all at once.
      await vi.waitFor(async () =>
        expect((await store.inboxPending(0)).map((item) => item.channel)).toEqual([LINE_OUTBOX]),
      );
      expect(await store.hasSeen('e1')).toBe(true);

      const second = await startLineApp({ store, channel });
      await second.channel.replayPending();
      await second.channel.idle();
      expect(line.delivered).toEqual([{ to: USER_ID, via: 'push', texts: ['Which kind?'] }]);
      expect(await store.inboxPending(0)).toEqual([]);
      // LINE redelivering the webhook changes nothing: the event was processed once.
      await second.deliver([fixtureEvent('postback', { webhookEventId: 'e1' })]);
      expect(line.delivered).toHaveLength(1);
      await second.close();
    } finally {
      await first.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the answer out of the outbox once LINE has it', async () => {
    const line = fakeLine();
    const { deliver, store } = await start();
    await deliver([fixtureEvent('postback')]);
    expect(line.delivered).toEqual([{ to: expect.any(String), via: 'reply', texts: ['Which kind?'] }]);
    expect(await store.inboxPending(0)).toEqual([]);
  });
});

describe('a crash in one dialog', () => {
  it('apologises and shows the menu to that user; another user mid-dialog is untouched', async () => {
    const line = fakeLine();
    const { deliver, store } = await start();
    const other = { type: 'user', userId: OTHER_USER };
    await deliver([
      fixtureEvent('postback', { webhookEventId: 'o1', source: other, replyToken: 'other-1' }),
      fixtureEvent('postback', { webhookEventId: 'u1', replyToken: 'user-1' }),
    ]);
    await deliver([
      fixtureEvent('postback', {
        webhookEventId: 'o2',
        source: other,
        replyToken: 'other-2',
        postback: { data: 'a' },
      }),
    ]);
    const otherBefore = await store.get(`line:${OTHER_USER}`);

    await deliver([
      fixtureEvent('postback', { webhookEventId: 'u2', replyToken: 'user-2', postback: { data: 'boom' } }),
    ]);
    const crashed = line.delivered.find((d) => d.to === 'user-2');
    expect(crashed?.texts[0]).toMatch(/sorry/i);
    expect((await store.get<{ dialog?: unknown }>(`line:${USER_ID}`))?.value.dialog).toBeUndefined();
    expect(await store.get(`line:${OTHER_USER}`)).toEqual(otherBefore);

    // The other user carries on where they were.
    await deliver([
      fixtureEvent('postback', {
        webhookEventId: 'o3',
        source: other,
        replyToken: 'other-3',
        postback: { data: 'x', params: { date: '2026-11-20' } },
      }),
    ]);
    expect(line.delivered.find((d) => d.to === 'other-3')?.texts[0]).toBe(
      'Done: a on Friday, November 20, 2026',
    );
  });
});
