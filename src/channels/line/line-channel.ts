/**
 * The LINE channel: `POST /line/webhook` for a LINE Official Account.
 *
 * request → raw body (413 over the limit) → signature (401, nothing else done) → shape (400) →
 * each event into the store's inbox (503 when the store is down, so LINE redelivers) → 200 →
 * in the background, each user's events one at a time in order (users in parallel): turn through
 * the engine (which de-duplicates on webhookEventId and persists) → reply or push → out of the
 * inbox. Inbox items left behind by a crash are replayed on startup and periodically.
 */
import { messagingApi } from '@line/bot-sdk';
import type { App } from '../../app.ts';
import type { TurnResult } from '../../engine/engine.ts';
import { DEFAULT_BODY_LIMIT, type Handler, HttpError, readBody, sendJson } from '../../http/server.ts';
import { logKey } from '../../logger.ts';
import { phrase } from '../../messages.ts';
import type { Channel } from '../index.ts';
import { createLineReminderDelivery } from './reminder-delivery.ts';
import { renderTurn } from './render.ts';
import { createLineSender, type LineSender, type RetryOptions } from './sender.ts';
import {
  hasValidSignature,
  LINE_CHANNEL_NAME,
  type LineEvent,
  parseWebhook,
  toInboundEvent,
  userOf,
} from './webhook.ts';

export const LINE_WEBHOOK_PATH = '/line/webhook';

export interface LineChannelOptions {
  /** A turn running longer than this shows LINE's loading animation. */
  loadingDelayMs?: number;
  /** Inbox items older than this are presumed lost (a crash) and replayed. */
  replayAfterMs?: number;
  /** How often the inbox is checked for lost items. */
  replayEveryMs?: number;
  /** Inbox items older than this are given up (logged): the engine's seen-set no longer covers them. */
  maxInboxAgeMs?: number;
  retry?: RetryOptions;
  bodyLimit?: number;
}

export interface LineChannel extends Channel {
  /** Resolves once every queued event has been processed (tests, shutdown). */
  idle(): Promise<void>;
  /** Replays inbox items older than `replayAfterMs` (also run on startup and on a timer). */
  replayPending(): Promise<void>;
  close(): Promise<void>;
}

type Mode = 'fresh' | 'replay';

export function createLineChannel(options: LineChannelOptions = {}): LineChannel {
  /** One runtime per app the channel is registered on (production has one; tests build several). */
  const runtimes: Runtime[] = [];
  return {
    name: LINE_CHANNEL_NAME,

    register(app) {
      const {
        LINE_CHANNEL_SECRET: secret,
        LINE_CHANNEL_ACCESS_TOKEN: token,
        LINE_API_BASE_URL: baseURL,
      } = app.config;
      if (!secret || !token) {
        app.logger.info(
          `LINE channel off: set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN to serve POST ${LINE_WEBHOOK_PATH} (see the README, "Connecting a LINE Official Account")`,
        );
        return;
      }
      const client = new messagingApi.MessagingApiClient({
        channelAccessToken: token,
        ...(baseURL ? { baseURL } : {}),
      });
      const sender = createLineSender({
        client,
        logger: app.logger,
        ...(options.retry ? { retry: options.retry } : {}),
      });
      const runtime = createRuntime(app, secret, sender, options);
      app.reminders.registerDelivery(createLineReminderDelivery(sender, app.translator));
      app.http.addRoute({ method: 'POST', path: LINE_WEBHOOK_PATH, handler: runtime.handleWebhook });
      runtimes.push(runtime);
      app.logger.info(`LINE channel on: POST ${LINE_WEBHOOK_PATH}`);
    },

    async idle() {
      await Promise.all(runtimes.map((runtime) => runtime.idle()));
    },

    async replayPending() {
      await Promise.all(runtimes.map((runtime) => runtime.replayPending()));
    },

    async close() {
      await Promise.all(runtimes.splice(0).map((runtime) => runtime.close()));
    },
  };
}

interface Runtime {
  handleWebhook: Handler;
  idle(): Promise<void>;
  replayPending(): Promise<void>;
  close(): Promise<void>;
}

function createRuntime(app: App, secret: string, sender: LineSender, options: LineChannelOptions): Runtime {
  const { engine, store, logger, translator } = app;
  const loadingDelayMs = options.loadingDelayMs ?? 1_000;
  // A LINE reply token is short-lived; an item still in the inbox after this was lost, not slow.
  const replayAfterMs = options.replayAfterMs ?? 30_000;
  const replayEveryMs = options.replayEveryMs ?? 30_000;
  const maxInboxAgeMs = options.maxInboxAgeMs ?? 24 * 60 * 60 * 1000;

  /** The tail of each user's queue: events of one user run one after the other. */
  const queues = new Map<string, Promise<void>>();
  /** Event ids queued or running in this process (a redelivery of one of them is not queued twice). */
  const queued = new Set<string>();
  const background = new Set<Promise<void>>();

  function track(work: Promise<void>): void {
    background.add(work);
    void work.finally(() => background.delete(work));
  }

  function enqueue(event: LineEvent, userId: string, mode: Mode): void {
    if (queued.has(event.webhookEventId)) return;
    queued.add(event.webhookEventId);
    const tail = (queues.get(userId) ?? Promise.resolve())
      .then(() => processEvent(event, userId, mode))
      .catch((error: unknown) =>
        logger.error({ err: error, user: logKey(`line:${userId}`) }, 'LineChannel: event processing failed'),
      )
      .finally(() => {
        queued.delete(event.webhookEventId);
        if (queues.get(userId) === tail) queues.delete(userId);
      });
    queues.set(userId, tail);
    track(tail);
  }

  async function processEvent(event: LineEvent, userId: string, mode: Mode): Promise<void> {
    const inbound = toInboundEvent(event, userId);
    if (!inbound) {
      await store.inboxRemove(event.webhookEventId);
      return;
    }
    const loading =
      inbound.kind === 'unfollow'
        ? undefined
        : setTimeout(() => track(sender.showLoading(userId)), loadingDelayMs);
    let result: TurnResult;
    try {
      const localeHint = inbound.kind === 'follow' ? await sender.profileLanguage(userId) : undefined;
      result = await engine.handle({ ...inbound, ...(localeHint ? { localeHint } : {}) });
    } catch (error) {
      // The store is down or the conversation stayed locked: the event stays in the inbox for replay.
      logger.error(
        { err: error, user: logKey(`line:${userId}`), kind: inbound.kind },
        'LineChannel: the turn failed; it stays in the inbox and will be replayed',
      );
      return;
    } finally {
      clearTimeout(loading);
    }
    if (!result.duplicate && result.messages.length > 0) {
      const messages = renderTurn(result.messages, {
        dir: result.dir,
        datePickerLabel: translator.render(phrase('common:date.pickPrompt'), result.language),
      });
      await sender.deliver(
        {
          to: userId,
          eventId: event.webhookEventId,
          // A replayed event's reply token has expired: straight to push.
          ...(mode === 'fresh' && event.replyToken ? { replyToken: event.replyToken } : {}),
        },
        messages,
      );
    }
    await store.inboxRemove(event.webhookEventId);
  }

  async function replayPending(): Promise<void> {
    try {
      const items = await store.inboxPending(replayAfterMs);
      for (const item of items) {
        if (item.channel !== LINE_CHANNEL_NAME) continue;
        const event = JSON.parse(item.payload) as LineEvent;
        const user = userOf(event);
        if (Date.now() - item.receivedAt > maxInboxAgeMs || !('userId' in user)) {
          logger.warn(
            { type: event.type, receivedAt: item.receivedAt },
            'LineChannel: gave up an old inbox item',
          );
          await store.inboxRemove(item.id);
          continue;
        }
        enqueue(event, user.userId, 'replay');
      }
    } catch (error) {
      logger.error({ err: error }, 'LineChannel.replayPending(): could not read the inbox; will retry');
    }
  }

  const handleWebhook: Handler = async (req, res) => {
    const body = await readBody(req, options.bodyLimit ?? DEFAULT_BODY_LIMIT);
    const signature = req.headers['x-line-signature'];
    if (!hasValidSignature(body, secret, typeof signature === 'string' ? signature : undefined)) {
      logger.warn(
        { route: LINE_WEBHOOK_PATH },
        'LineChannel: refused a request with a bad or missing signature',
      );
      throw new HttpError(401, 'invalid signature');
    }
    const accepted: Array<{ event: LineEvent; userId: string }> = [];
    for (const event of parseWebhook(body)) {
      const user = userOf(event);
      if ('ignored' in user) {
        logger.info({ type: event.type, reason: user.ignored }, 'LineChannel: event ignored');
      } else if (!toInboundEvent(event, user.userId)) {
        logger.info({ type: event.type }, 'LineChannel: event type not handled; ignored');
      } else {
        accepted.push({ event, userId: user.userId });
      }
    }
    try {
      const receivedAt = Date.now();
      for (const { event } of accepted) {
        await store.inboxAdd({
          id: event.webhookEventId,
          channel: LINE_CHANNEL_NAME,
          payload: JSON.stringify(event),
          receivedAt,
        });
      }
    } catch (error) {
      logger.error({ err: error }, 'LineChannel: the inbox is unavailable; asking LINE to redeliver');
      throw new HttpError(503, 'temporarily unavailable');
    }
    sendJson(res, 200, {});
    for (const { event, userId } of accepted) enqueue(event, userId, 'fresh');
  };

  async function idle(): Promise<void> {
    while (background.size > 0) await Promise.allSettled([...background]);
  }

  track(replayPending());
  const replayTimer = setInterval(() => track(replayPending()), replayEveryMs);
  replayTimer.unref();

  return {
    handleWebhook,
    idle,
    replayPending,
    async close() {
      clearInterval(replayTimer);
      await idle();
    },
  };
}
