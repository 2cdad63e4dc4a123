/**
 * Privacy through the whole app: a conversation on LINE with the real dialogs and language model,
 * logged at `trace`, leaves none of the user's inputs (name, date of birth, card number, dates) nor
 * their LINE user id in the logs; "forget me" deletes everything kept about the user; idle
 * conversations expire.
 */
import { Writable } from 'node:stream';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import type { LineChannel } from '../../src/channels/line/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createProductionApp } from '../../src/production.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import {
  ACCESS_TOKEN,
  CHANNEL_SECRET,
  fixtureEvent,
  recordLineApi,
  sign,
  startLineApp,
  USER_ID,
  webhookBody,
} from '../channels/line/line-app.ts';

const NAME = 'Zorbalina Quetzalcoatl-Nakamura';
const BIRTH = '1987-03-14';
const CARD = 'AB12345678CD';
const ARRIVAL = '2026-11-20';

let app: App | undefined;
beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  nock.cleanAll();
  nock.enableNetConnect();
});

async function productionApp(logLines: string[]) {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_PATH: ':memory:',
    LOG_LEVEL: 'trace',
    MADOGUCHI_NOW: '2026-11-25T10:00:00+09:00',
    LINE_CHANNEL_SECRET: CHANNEL_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: ACCESS_TOKEN,
  });
  const logger = createLogger(
    'trace',
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  app = await createProductionApp({ config, logger });
  const port = await app.http.listen(0, '127.0.0.1');
  const channel = app.channels.find((c) => c.name === 'line') as LineChannel;
  let n = 0;
  async function say(event: Record<string, unknown>) {
    n += 1;
    const body = webhookBody([{ ...event, webhookEventId: `privacy-${n}`, replyToken: `token-${n}` }]);
    const response = await fetch(`http://127.0.0.1:${port}/line/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) },
      body,
    });
    expect(response.status).toBe(200);
    await channel.idle();
  }
  const text = (value: string) =>
    say(fixtureEvent('text-message', { message: { type: 'text', id: 'm', text: value } }));
  const choose = (data: string) => say(fixtureEvent('postback', { postback: { data } }));
  const pick = (date: string) =>
    say(fixtureEvent('datetimepicker-postback', { postback: { data: 'date-picker', params: { date } } }));
  return { app, text, choose, pick, say };
}

describe('privacy: logs', () => {
  it('a full LINE conversation logged at trace level leaves no input and no raw user id in the logs', async () => {
    const logLines: string[] = [];
    const api = recordLineApi();
    nock('https://api.line.me')
      .persist()
      .get(/\/v2\/bot\/profile\//)
      .reply(200, { language: 'en' });
    const { text, choose, pick, say } = await productionApp(logLines);
    await say(fixtureEvent('follow'));
    await text(`Hello, my name is ${NAME}`);
    await text(`I was born on ${BIRTH}`);
    await text(`my residence card number is ${CARD}`);
    await text('I moved to a new address');
    await choose('go:move-in');
    await choose('yes');
    await text(ARRIVAL.replaceAll('-', '/'));
    await choose('go:newborn');
    await pick('1969-12-18');
    await pick(BIRTH);
    await text('😀'.repeat(2500));
    await choose('cmd:human');
    await text('forget me');
    expect(api.requests.length).toBeGreaterThan(10);

    const logs = logLines.join('');
    // Every turn was logged (at debug), so the scan had something to read.
    expect(logLines.filter((line) => line.includes('"msg":"turn"')).length).toBeGreaterThanOrEqual(12);
    for (const secret of [
      NAME,
      'Zorbalina',
      BIRTH,
      '1987',
      CARD,
      '12345678',
      ARRIVAL,
      '2026/11/20',
      '1969-12',
      USER_ID,
      '😀',
    ]) {
      expect(logs, secret).not.toContain(secret);
    }
  });
});

describe('privacy: forget me and expiry', () => {
  it('"forget me" deletes the session and every inbox or outbox item of the user', async () => {
    const logLines: string[] = [];
    recordLineApi();
    const { app: running, choose, text } = await productionApp(logLines);
    await choose('go:move-in');
    expect(await running.store.get(`line:${USER_ID}`)).toBeDefined();
    await text('forget me');
    expect(await running.store.get(`line:${USER_ID}`)).toBeUndefined();
    expect(await running.store.inboxPending(0)).toEqual([]);
  });

  it('a conversation idle longer than the session TTL is forgotten: the next message starts afresh', async () => {
    let now = Date.parse('2026-11-25T01:00:00Z');
    const store = new MemoryStore({ sessionTtlMs: 60_000, seenTtlMs: 60_000, now: () => now });
    const line = await startLineApp({ store });
    try {
      const api = recordLineApi();
      await line.deliver([fixtureEvent('postback', { webhookEventId: 'e1' })]);
      expect(await store.get(`line:${USER_ID}`)).toBeDefined();
      now += 61_000;
      expect(await store.get(`line:${USER_ID}`)).toBeUndefined();
      // The answer to the old question finds no dialog: the bot shows the menu instead.
      await line.deliver([fixtureEvent('postback', { webhookEventId: 'e2', postback: { data: 'a' } })]);
      const last = api.requests.at(-1)?.body as { messages: Array<{ text?: string; altText?: string }> };
      expect(JSON.stringify(last.messages)).not.toContain('Which day?');
    } finally {
      await line.close();
    }
  });
});
