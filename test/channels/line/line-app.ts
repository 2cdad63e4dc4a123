/**
 * The app with the LINE channel on, served in-process on an ephemeral port, plus signed webhook
 * requests built from the fixtures in `test/fixtures/line/`. Every LINE API call must be mocked
 * with nock (see `interceptLineApi`).
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';
import { registerChannels } from '../../../src/channels/index.ts';
import {
  createLineChannel,
  LINE_WEBHOOK_PATH,
  type LineChannelOptions,
} from '../../../src/channels/line/index.ts';
import type { Resources } from '../../../src/i18n/index.ts';
import type { Store } from '../../../src/store/types.ts';
import { fixtureDialog, fixtureResources } from '../../support/fixture-dialog.ts';
import { createHarness } from '../../support/harness.ts';

export const CHANNEL_SECRET = 'test-line-channel-secret';
export const ACCESS_TOKEN = 'test-line-access-token';
export const LINE_API = 'https://api.line.me';
export const USER_ID = 'U4af4980629a0b1c2d3e4f5a6b7c8d9e0';

export type FixtureName =
  | 'text-message'
  | 'postback'
  | 'datetimepicker-postback'
  | 'follow'
  | 'unfollow'
  | 'sticker-message'
  | 'group-message';

type WebhookEvent = Record<string, unknown> & { webhookEventId: string };

/** The events of a fixture webhook body, each with the given fields replaced. */
export function fixtureEvents(name: FixtureName, overrides: Record<string, unknown> = {}): WebhookEvent[] {
  const body = JSON.parse(
    readFileSync(new URL(`../../fixtures/line/${name}.json`, import.meta.url), 'utf8'),
  ) as {
    events: WebhookEvent[];
  };
  return body.events.map((event) => ({ ...event, ...overrides }));
}

export function fixtureEvent(name: FixtureName, overrides: Record<string, unknown> = {}): WebhookEvent {
  return fixtureEvents(name, overrides)[0] as WebhookEvent;
}

export function webhookBody(events: readonly unknown[]): string {
  return JSON.stringify({ destination: 'U0000000000000000000000000000bot', events });
}

export function sign(body: string, secret = CHANNEL_SECRET): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

export interface LineAppOptions {
  store?: Store;
  extraResources?: Resources;
  channel?: LineChannelOptions;
  env?: { LINE_CHANNEL_SECRET?: string; LINE_CHANNEL_ACCESS_TOKEN?: string; LINE_API_BASE_URL?: string };
}

export async function startLineApp(options: LineAppOptions = {}) {
  const harness = createHarness({
    dialogs: [fixtureDialog],
    extraResources: { ...fixtureResources, ...options.extraResources },
    ...(options.store ? { store: options.store } : {}),
  });
  const { app } = harness;
  const channel = createLineChannel({ retry: { attempts: 3, baseDelayMs: 1 }, ...options.channel });
  const env = options.env ?? { LINE_CHANNEL_SECRET: CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN: ACCESS_TOKEN };
  // The harness's config has no LINE secrets: the channel sees the app with them added.
  registerChannels({ ...app, config: { ...app.config, ...env } }, [channel]);
  const port = await app.http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}${LINE_WEBHOOK_PATH}`;

  async function post(body: string, headers: Record<string, string> = { 'x-line-signature': sign(body) }) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: response.status, body: await response.text() };
  }

  /** Posts the events signed, then waits until the channel has processed them. */
  async function deliver(events: readonly unknown[]) {
    const response = await post(webhookBody(events));
    await channel.idle();
    return response;
  }

  return { ...harness, app, channel, url, post, deliver, close: () => app.close() };
}

type Answer = [status: number, body: unknown];

/**
 * Intercepts LINE's message and loading endpoints and records every request. Each answers 200
 * unless the test scripts other answers first: `api.answer('/v2/bot/message/reply', [429, {...}])`.
 */
export function recordLineApi(base = LINE_API) {
  const requests: Array<{ path: string; body: unknown; headers: Record<string, string> }> = [];
  const scripted = new Map<string, Answer[]>();
  const scope = nock(base)
    .matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`)
    .persist()
    .post(/^\/v2\/bot\/(message\/(reply|push)|chat\/loading\/start)$/)
    .reply(async (request: Request) => {
      // nock 15 hands reply functions the fetch Request.
      const path = new URL(request.url).pathname;
      const headers = Object.fromEntries(request.headers.entries());
      requests.push({ path, body: await request.json(), headers });
      const next = scripted.get(path)?.shift();
      return next ?? [200, path.endsWith('/loading/start') ? {} : { sentMessages: [] }];
    });
  return {
    scope,
    requests,
    /** Only the requests to this path, in order. */
    to: (path: string) => requests.filter((request) => request.path === path),
    answer(path: string, ...answers: Answer[]) {
      scripted.set(path, [...(scripted.get(path) ?? []), ...answers]);
    },
  };
}

export type LineApp = Awaited<ReturnType<typeof startLineApp>>;

/**
 * For a test file of LINE tests: no network but loopback (nock intercepts LINE), and the app each
 * test starts is closed after it. Returns `start(options)`, with `defaults` merged in.
 */
export function lineAppPerTest(
  defaults: LineAppOptions = {},
): (options?: LineAppOptions) => Promise<LineApp> {
  let running: LineApp | undefined;
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    nock.cleanAll();
    nock.enableNetConnect();
  });
  return async (options = {}) => {
    running = await startLineApp({
      ...defaults,
      ...options,
      channel: { ...defaults.channel, ...options.channel },
    });
    return running;
  };
}
