/**
 * Several instances behind a load balancer: two real Madoguchi processes (`node src/main.ts`) on
 * different ports share one Redis. One user's LINE events go alternately to both — signed, with a
 * redelivery — and a fake LINE API on loopback records the replies. Then Redis goes away: webhooks
 * answer 503 so that LINE redelivers, and the process recovers by itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/store/redis-store.ts';
import { CHANNEL_SECRET, fixtureEvent, sign, webhookBody } from '../channels/line/line-app.ts';
import {
  deleteRedisKeys,
  redisAdmin,
  redisTestUrl,
  requireRedis,
  startRedisProxy,
  uniqueRedisPrefix,
} from '../support/redis.ts';

const USER = 'U0123456789abcdef0123456789abcdef';
const ROOT = new URL('../../', import.meta.url).pathname;

interface Received {
  path: string;
  body: { replyToken?: string; to?: string; messages?: Array<Record<string, unknown>> };
}

/** A stand-in for api.line.me that records what the bot sends. */
async function startFakeLineApi() {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const path = req.url ?? '';
      if (req.method === 'GET' && path.startsWith('/v2/bot/profile/')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ userId: USER, displayName: 'Test', language: 'en' }));
        return;
      }
      if (path.startsWith('/v2/bot/message/')) received.push({ path, body: JSON.parse(raw || '{}') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

interface Instance {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = /"port":(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}: ${out}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    child,
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  ms = 10_000,
): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function postWebhook(instance: Instance, events: unknown[]): Promise<number> {
  const body = webhookBody(events);
  const response = await fetch(`${instance.url}/line/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) },
    body,
  });
  await response.body?.cancel();
  return response.status;
}

const base = { source: { type: 'user', userId: USER } };
let sequence = 0;
function event(kind: 'text' | 'postback' | 'date' | 'follow', value = '') {
  sequence += 1;
  const ids = {
    webhookEventId: `01TWOINSTANCES${String(sequence).padStart(12, '0')}`,
    replyToken: `token-${sequence}`,
  };
  if (kind === 'follow') return fixtureEvent('follow', { ...base, ...ids });
  if (kind === 'text') {
    return fixtureEvent('text-message', {
      ...base,
      ...ids,
      message: { id: `m${sequence}`, type: 'text', text: value, quoteToken: 'q' },
    });
  }
  if (kind === 'date')
    return fixtureEvent('datetimepicker-postback', {
      ...base,
      ...ids,
      postback: { data: 'date-picker', params: { date: value } },
    });
  return fixtureEvent('postback', { ...base, ...ids, postback: { data: value } });
}

describe('two instances sharing one Redis', () => {
  const prefix = uniqueRedisPrefix();
  const admin = redisAdmin();
  let line: Awaited<ReturnType<typeof startFakeLineApi>>;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    await requireRedis();
    line = await startFakeLineApi();
    const env = {
      REDIS_URL: redisTestUrl,
      REDIS_KEY_PREFIX: prefix,
      LINE_CHANNEL_SECRET: CHANNEL_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: 'test-token',
      LINE_API_BASE_URL: line.url,
      MADOGUCHI_NOW: '2026-11-25T10:00:00+09:00',
    };
    [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
    for (const instance of [a, b]) {
      await waitFor(async () => ((await fetch(`${instance.url}/readyz`)).ok ? true : undefined), 'readiness');
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await line?.close();
    await deleteRedisKeys(admin, prefix);
    admin.disconnect();
  });

  it("processes one user's interleaved events exactly once, in order, with nothing lost", async () => {
    const steps: Array<[Instance, ReturnType<typeof event>]> = [
      [a, event('follow')],
      [b, event('postback', 'go:lost-card')],
      [a, event('postback', 'lost')],
      [b, event('date', '2026-11-20')],
      [a, event('text', 'no')],
      [b, event('postback', 'no')],
    ];
    const replies: string[] = [];
    for (const [index, [instance, sent]] of steps.entries()) {
      expect(await postWebhook(instance, [sent])).toBe(200);
      const reply = await waitFor(
        () => line.received.find((r) => r.body.replyToken === sent.replyToken),
        `the reply to event ${index + 1}`,
      );
      replies.push(JSON.stringify(reply.body.messages));
      if (index === 2) {
        // LINE redelivers the same event to the other instance: it must not be processed again.
        const redelivered = { ...sent, deliveryContext: { isRedelivery: true } };
        expect(await postWebhook(b, [redelivered])).toBe(200);
      }
    }
    // Give a duplicate the time it would need to show up.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(line.received.map((r) => r.body.replyToken)).toEqual(steps.map(([, sent]) => sent.replyToken));
    expect(line.received.every((r) => r.path === '/v2/bot/message/reply')).toBe(true);
    expect(replies[1]).toContain('What happened to your residence card?');
    expect(replies[2]).toContain('On which day did you notice it was gone?');
    expect(replies[5]).toContain('Apply for a new card by Friday, December 4, 2026.');

    const store = new RedisStore({
      url: redisTestUrl,
      keyPrefix: prefix,
      sessionTtlMs: 3_600_000,
      seenTtlMs: 3_600_000,
    });
    try {
      await store.waitUntilReady();
      const saved = await store.get<{ dialog?: { id: string; done: boolean; answers: unknown[] } }>(
        `line:${USER}`,
      );
      expect(saved?.value.dialog).toMatchObject({ id: 'lost-card', done: true });
      expect(saved?.value.dialog?.answers).toEqual([
        { c: 'lost' },
        { d: '2026-11-20' },
        { c: 'no' },
        { c: 'no' },
      ]);
      expect(await store.inboxPending(0)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('losing Redis mid-run', () => {
  it('answers webhooks with 503 while Redis is unreachable, then recovers by itself', async () => {
    await requireRedis();
    const proxy = await startRedisProxy();
    const prefix = uniqueRedisPrefix();
    const admin = redisAdmin();
    const line = await startFakeLineApi();
    const instance = await startInstance({
      REDIS_URL: proxy.url,
      REDIS_KEY_PREFIX: prefix,
      LINE_CHANNEL_SECRET: CHANNEL_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: 'test-token',
      LINE_API_BASE_URL: line.url,
    });
    try {
      await waitFor(async () => ((await fetch(`${instance.url}/readyz`)).ok ? true : undefined), 'readiness');
      await proxy.cut();
      const during = event('postback', 'go:lost-card');
      expect(await postWebhook(instance, [during])).toBe(503);
      expect((await fetch(`${instance.url}/readyz`)).status).toBe(503);
      await proxy.restore();
      await waitFor(async () => ((await fetch(`${instance.url}/readyz`)).ok ? true : undefined), 'recovery');
      // LINE redelivers the refused event: now it is processed, once.
      expect(await postWebhook(instance, [{ ...during, deliveryContext: { isRedelivery: true } }])).toBe(200);
      await waitFor(
        () => line.received.find((r) => r.body.replyToken === during.replyToken),
        'the reply after recovery',
      );
    } finally {
      await instance.stop();
      await line.close();
      await proxy.close();
      await deleteRedisKeys(admin, prefix);
      admin.disconnect();
    }
  }, 60_000);
});
