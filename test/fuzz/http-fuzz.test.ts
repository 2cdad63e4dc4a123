/**
 * Hostile requests to every public route on the server (`/line/webhook`, `/directline/*`,
 * `/widget/token`, `/api/messages`, `/healthz`, `/readyz`, `/metrics`, unknown paths): random bytes, wrong content types, huge and deeply nested bodies,
 * invalid UTF-8, signed bodies of any shape, texts with control characters, emoji and 5,000
 * characters. Each gets a clear 4xx or a 200, never a 500, a crash or a hang; the server still
 * answers afterwards.
 */
import fc from 'fast-check';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, startDirectLineApp } from '../channels/directline/directline-app.ts';
import { fixtureEvent, recordLineApi, sign, startLineApp, webhookBody } from '../channels/line/line-app.ts';
import { anyDate, anyText } from './arbitraries.ts';

type App = Awaited<ReturnType<typeof startLineApp>>;
let app: App;
let base: string;
let api: ReturnType<typeof recordLineApi>;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  app = await startLineApp({ channel: { loadingDelayMs: 60_000 } });
  base = new URL(app.url).origin;
  api = recordLineApi();
});

afterAll(async () => {
  await app.close();
  nock.cleanAll();
  nock.enableNetConnect();
});

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  '',
];

async function post(path: string, body: Uint8Array | string, headers: Record<string, string>) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(5_000),
  });
  const text = await response.text();
  return { status: response.status, text };
}

function expectClearAnswer(status: number, text: string, allowed: number[]): void {
  expect(allowed, `status ${status}: ${text.slice(0, 200)}`).toContain(status);
  expect(text).not.toMatch(/\n\s+at |node_modules|SECRET|TOKEN/);
}

async function stillServing(): Promise<void> {
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
}

describe('HTTP fuzz: /line/webhook', () => {
  it('random bytes, any content type, signed or not: 200, 400 or 401, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom(...CONTENT_TYPES),
        fc.boolean(),
        async (bytes, contentType, signed) => {
          const body = Buffer.from(bytes);
          const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
          if (signed) headers['x-line-signature'] = sign(body as unknown as string);
          const { status, text } = await post('/line/webhook', body, headers);
          expectClearAnswer(status, text, signed ? [200, 400] : [401]);
        },
      ),
      { numRuns: 60 },
    );
    await stillServing();
  });

  it('signed JSON of any shape: 200 or 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json({ maxDepth: 6 }),
          fc
            .array(
              fc.dictionary(
                fc.constantFrom(
                  'type',
                  'webhookEventId',
                  'timestamp',
                  'source',
                  'message',
                  'postback',
                  'mode',
                  'replyToken',
                ),
                fc.jsonValue({ maxDepth: 3 }),
              ),
              { maxLength: 4 },
            )
            .map((events) => JSON.stringify({ events })),
        ),
        async (json) => {
          const { status, text } = await post('/line/webhook', json, {
            'content-type': 'application/json',
            'x-line-signature': sign(json),
          });
          expectClearAnswer(status, text, [200, 400]);
        },
      ),
      { numRuns: 80 },
    );
    await app.channel.idle();
    await stillServing();
  });

  it('huge, deeply nested and invalid UTF-8 bodies: 413 or 400', async () => {
    const huge = Buffer.alloc(2 * 1024 * 1024, 0x61);
    expectClearAnswer(
      ...(Object.values(
        await post('/line/webhook', huge, { 'x-line-signature': sign(huge as unknown as string) }),
      ) as [number, string]),
      [413],
    );
    const deep = `{"events":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`;
    const deepAnswer = await post('/line/webhook', deep, { 'x-line-signature': sign(deep) });
    expectClearAnswer(deepAnswer.status, deepAnswer.text, [400]);
    const event = fixtureEvent('text-message', { message: { type: 'text', text: 'PLACEHOLDER' } });
    const [head, tail] = webhookBody([event]).split('PLACEHOLDER') as [string, string];
    const invalid = Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(tail)]);
    const invalidAnswer = await post('/line/webhook', invalid, {
      'x-line-signature': sign(invalid as unknown as string),
    });
    expectClearAnswer(invalidAnswer.status, invalidAnswer.text, [400]);
    await stillServing();
  });

  it('texts and dates of any kind from a user: 200, and a friendly answer sent back', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyText.map((text) => ({ text })),
          anyDate.map((date) => ({ date })),
        ),
        async (input) => {
          n += 1;
          const id = `fuzz-${n}`;
          // A user each: one user's 30 messages a minute would hit the per-user rate limit.
          const source = { type: 'user', userId: `Ufuzz${n}` };
          const event =
            'text' in input
              ? fixtureEvent('text-message', {
                  webhookEventId: id,
                  replyToken: id,
                  source,
                  message: { type: 'text', id, text: input.text },
                })
              : fixtureEvent('datetimepicker-postback', {
                  webhookEventId: id,
                  replyToken: id,
                  source,
                  postback: { data: 'date-picker', params: { date: input.date } },
                });
          const body = webhookBody([event]);
          const { status, text } = await post('/line/webhook', body, { 'x-line-signature': sign(body) });
          expectClearAnswer(status, text, [200]);
          await app.channel.idle();
          const reply = api.requests.find(
            (request) => (request.body as { replyToken?: string }).replyToken === id,
          );
          const messages =
            (reply?.body as { messages?: Array<{ text?: string }> } | undefined)?.messages ?? [];
          expect(messages.length).toBeGreaterThan(0);
          expect(JSON.stringify(messages)).not.toMatch(/something went wrong/i);
        },
      ),
      { numRuns: 40 },
    );
    expect(await app.store.inboxPending(0)).toEqual([]);
  });
});

describe('HTTP fuzz: other routes and unknown paths', () => {
  it('any method and path: a clear status, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
        fc.oneof(
          fc.constantFrom(
            '/healthz',
            '/readyz',
            '/metrics',
            '/line/webhook',
            '/line/webhook/',
            '/LINE/WEBHOOK',
            '/%',
            '/..%2f..%2fetc/passwd',
          ),
          fc.webPath(),
        ),
        async (method, path) => {
          const response = await fetch(`${base}${path.startsWith('/') ? path : `/${path}`}`, {
            method,
            signal: AbortSignal.timeout(5_000),
          });
          const text = await response.text();
          expectClearAnswer(response.status, text, [200, 400, 401, 404, 405]);
        },
      ),
      { numRuns: 60 },
    );
    await stillServing();
  });
});

describe('HTTP fuzz: Direct Line, the widget token endpoint and /api/messages', () => {
  let browser: Awaited<ReturnType<typeof startDirectLineApp>>;
  let token = '';
  let conversationId = '';

  beforeAll(async () => {
    // The per-IP budget off: every fuzz request comes from 127.0.0.1.
    browser = await startDirectLineApp({ env: { RATE_LIMIT_PER_IP_PER_MINUTE: '0' } });
    const generated = await fetch(`${browser.domain}/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}` },
    });
    ({ token, conversationId } = (await generated.json()) as { token: string; conversationId: string });
  });

  afterAll(async () => {
    await browser.app.close();
  });

  it('random bytes and JSON of any shape: a clear 2xx or 4xx, never 5xx', async () => {
    const routes = [
      { path: `/directline/conversations/${conversationId}/activities`, ok: [200, 400] },
      { path: '/directline/conversations', ok: [201] },
      { path: '/directline/tokens/generate', ok: [200, 400] },
      { path: '/directline/tokens/refresh', ok: [200] },
      // Same-origin: the widget's page is served by this server.
      { path: '/widget/token', ok: [200, 400, 429] },
      // Anonymous: refused unless the serviceUrl is one replies may go to (loopback).
      { path: '/api/messages', ok: [200, 400, 403, 502] },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
          fc.json({ maxDepth: 6 }),
          fc
            .dictionary(
              fc.constantFrom('type', 'text', 'value', 'locale', 'from', 'channelData', 'membersAdded'),
              fc.jsonValue({ maxDepth: 3 }),
            )
            .map((activity) => JSON.stringify(activity)),
        ),
        async (route, body) => {
          const response = await fetch(`${browser.base}${route.path}`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${route.path.includes('generate') ? SECRET : token}`,
              origin: browser.base,
            },
            body,
            signal: AbortSignal.timeout(5_000),
          });
          const text = await response.text();
          expectClearAnswer(response.status, text, route.ok);
        },
      ),
      { numRuns: 80 },
    );
    expect((await fetch(`${browser.base}/healthz`)).status).toBe(200);
  });

  it('any method on any path under /directline: a clear status, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'),
        fc.oneof(
          fc.constantFrom(
            `conversations/${conversationId}`,
            `conversations/${conversationId}/activities?watermark=-1`,
            `conversations/${conversationId}/activities?watermark=1e99`,
            'conversations/%00/activities',
          ),
          fc.webPath(),
        ),
        async (method, path) => {
          const response = await fetch(`${browser.domain}/${path.replace(/^\//, '')}`, {
            method,
            headers: { authorization: `Bearer ${token}` },
            signal: AbortSignal.timeout(5_000),
          });
          const text = await response.text();
          expectClearAnswer(response.status, text, [200, 204, 400, 403, 404, 405]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
