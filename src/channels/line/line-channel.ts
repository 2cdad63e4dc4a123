/**
 * The LINE channel: `POST /line/webhook` for a LINE Official Account.
 *
 * request → raw body (413 over the limit) → signature (401, nothing else done) → shape (400) →
 * per-user rate limit (messages over the budget are dropped unanswered) → each event into the
 * store's inbox (503 when the store is down, so LINE redelivers) → 200 → in the background, each
 * user's events one at a time in order (users in parallel): turn through the engine (which
 * de-duplicates on webhookEventId and persists, in the same write taking the event out of the
 * inbox — a replay would find it processed — and putting the answer in the outbox, inbox items of
 * channel `line-outbox`) → reply or push → the answer leaves the outbox. A crash between the
 * turn's write and the delivery thus loses no answer; an answer LINE could not take (down or slow
 * past the retries) stays in the outbox. Inbox and outbox items left behind are replayed on
 * startup and periodically; outbox items are pushed with the same retry keys (LINE takes each
 * part once). A crash after LINE took the reply and before the outbox item's removal sends that
 * answer twice: at least once, never lost.
 */
import type { App } from '../../app.ts';
import type { TurnAnswer, TurnResult } from '../../engine/engine.ts';
import { DEFAULT_BODY_LIMIT, type Handler, HttpError, readBody, sendJson } from '../../http/server.ts';
import { logKey } from '../../logger.ts';
import { phrase } from '../../messages.ts';
import type { Channel } from '../index.ts';
import { createLineApi } from './line-api.ts';
import { createLineReminderDelivery } from './reminder-delivery.ts';
import { renderTurn } from './render.ts';
import { createLineSender, type LineSender, type PendingPush, partsOf, type RetryOptions } from './sender.ts';
import {
  hasValidSignature,
  LINE_CHANNEL_NAME,
  type LineEvent,
  parseWebhook,
  toInboundEvent,
  userOf,
} from './webhook.ts';

export const LINE_WEBHOOK_PATH = '/line/webhook';

function outboxId(eventId: string): string {
  return `${LINE_OUTBOX}:${eventId}`;
}

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
  /** A LINE API call unanswered after this is abandoned and retried. */
  requestTimeoutMs?: number;
  bodyLimit?: number;
}

/** Pending items read to find a user's outbox items on "forget me" (the inbox is near-empty when LINE is up). */
const OUTBOX_SCAN_LIMIT = 10_000;

/** The inbox channel of answers waiting to be pushed (LINE was unavailable when they were ready). */
export const LINE_OUTBOX = 'line-outbox';

interface OutboxPayload {
  to: string;
  eventId: string;
  pending: PendingPush[];
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
      const client = createLineApi({ channelAccessToken: token, ...(baseURL ? { baseURL } : {}) });
      const sender = createLineSender({
        client,
        logger: app.logger,
        ...(options.retry ? { retry: options.retry } : {}),
        ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      });
      const runtime = createRuntime(app, secret, sender, options, () => client.close());
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

function createRuntime(
  app: App,
  secret: string,
  sender: LineSender,
  options: LineChannelOptions,
  closeClient: () => void,
): Runtime {
  const { engine, store, logger, translator, metrics, perUserLimit } = app;
  const loadingDelayMs = options.loadingDelayMs ?? 1_000;
  // A LINE reply token is short-lived; an item still in the inbox after this was lost, not slow.
  const replayAfterMs = options.replayAfterMs ?? 30_000;
  const replayEveryMs = options.replayEveryMs ?? 30_000;
  // Also the life of a push retry key on LINE's side (24 h): an older outbox item could be sent twice.
  const maxInboxAgeMs = options.maxInboxAgeMs ?? 24 * 60 * 60 * 1000;
  /** The tail of each user's queue: events of one user run one after the other. */
  const queues = new Map<string, Promise<void>>();
  /** Inbox item ids queued or running in this process (a redelivery of one of them is not queued twice). */
  const queued = new Set<string>();
  const background = new Set<Promise<void>>();

  function track(work: Promise<void>): void {
    background.add(work);
    void work.finally(() => background.delete(work));
  }

  /** Runs `work` after the user's earlier work, once per item id at a time. */
  function enqueue(userId: string, itemId: string, work: () => Promise<void>): void {
    if (queued.has(itemId)) return;
    queued.add(itemId);
    const tail = (queues.get(userId) ?? Promise.resolve())
      .then(work)
      .catch((error: unknown) =>
        logger.error({ err: error, user: logKey(`line:${userId}`) }, 'LineChannel: event processing failed'),
      )
      .finally(() => {
        queued.delete(itemId);
        if (queues.get(userId) === tail) queues.delete(userId);
      });
    queues.set(userId, tail);
    track(tail);
  }

  function enqueueEvent(event: LineEvent, userId: string, mode: Mode): void {
    enqueue(userId, event.webhookEventId, () => processEvent(event, userId, mode));
  }

  /** A turn's answer rendered for LINE, in parts. */
  function renderAnswer({ messages, language, dir }: TurnAnswer): PendingPush[] {
    return partsOf(
      renderTurn(messages, {
        dir,
        datePickerLabel: translator.render(phrase('common:date.pickPrompt'), language),
      }),
    );
  }

  function outboxItem(payload: OutboxPayload) {
    return {
      id: outboxId(payload.eventId),
      channel: LINE_OUTBOX,
      payload: JSON.stringify(payload),
      receivedAt: Date.now(),
    };
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
    const delivery = { to: userId, eventId: event.webhookEventId };
    /** The answer, once the turn's own write has put it in the outbox. */
    let kept: PendingPush[] | undefined;
    let result: TurnResult;
    try {
      const localeHint = inbound.kind === 'follow' ? await sender.profileLanguage(userId) : undefined;
      // The turn's write takes the event out of the inbox (a replay would find it seen anyway) and
      // puts the answer in the outbox: a crash before the delivery below loses no answer.
      result = await engine.handle({
        ...inbound,
        inboxId: event.webhookEventId,
        ...(localeHint ? { localeHint } : {}),
        outbox: (answer) => {
          if (answer.messages.length === 0) return undefined;
          kept = renderAnswer(answer);
          return outboxItem({ ...delivery, pending: kept });
        },
      });
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
    if (result.forgotten) await forgetOutbox(userId);
    // "Forget me" and unfollow write no turn (the conversation is deleted): their answer, if any, is
    // sent without an outbox item.
    const parts =
      kept ?? (!result.duplicate && result.messages.length > 0 ? renderAnswer(result) : undefined);
    if (parts) {
      const id = outboxId(event.webhookEventId);
      // Queued: a replay running meanwhile does not push the same outbox item (see enqueue).
      queued.add(id);
      try {
        const pending = await sender.deliverParts(
          // A replayed event's reply token has expired: straight to push.
          { ...delivery, ...(mode === 'fresh' && event.replyToken ? { replyToken: event.replyToken } : {}) },
          parts,
        );
        if (pending.length > 0) metrics.errors.inc({ kind: 'delivery' });
        if (pending.length === 0) {
          if (kept) await store.inboxRemove(id);
        } else if (!kept || pending.length < parts.length) {
          // What is left is pushed later (same retry keys). Parts already sent (the reply has no
          // retry key) must not be pushed again: the item is replaced (two writes; a crash between
          // them loses those pending parts, where keeping all would repeat the reply).
          if (kept) await store.inboxRemove(id);
          await store.inboxAdd(outboxItem({ ...delivery, pending }));
        }
      } finally {
        queued.delete(id);
      }
    }
    // A duplicate or a deleted conversation wrote no turn: the event leaves the inbox here.
    if (!result.inboxRemoved) await store.inboxRemove(event.webhookEventId);
  }

  async function pushOutboxItem(id: string, payload: OutboxPayload): Promise<void> {
    const pending = await sender.pushPending(payload, payload.pending);
    if (pending.length > 0) metrics.errors.inc({ kind: 'delivery' });
    // Still pending: the item stays as it was, and the next replay tries again (same retry keys).
    else await store.inboxRemove(id);
  }

  /** "Forget me" and unfollow: answers still waiting for this user are dropped with the rest. */
  async function forgetOutbox(userId: string): Promise<void> {
    for (const item of await store.inboxPending(0, OUTBOX_SCAN_LIMIT, [LINE_OUTBOX])) {
      if ((JSON.parse(item.payload) as OutboxPayload).to === userId) await store.inboxRemove(item.id);
    }
  }

  async function replayPending(): Promise<void> {
    try {
      const items = await store.inboxPending(replayAfterMs, undefined, [LINE_CHANNEL_NAME, LINE_OUTBOX]);
      for (const item of items) {
        if (Date.now() - item.receivedAt > maxInboxAgeMs) {
          logger.warn(
            { channel: item.channel, receivedAt: item.receivedAt },
            'LineChannel: gave up an old inbox item',
          );
          await store.inboxRemove(item.id);
          continue;
        }
        if (item.channel === LINE_OUTBOX) {
          const payload = JSON.parse(item.payload) as OutboxPayload;
          enqueue(payload.to, item.id, () => pushOutboxItem(item.id, payload));
          continue;
        }
        const event = JSON.parse(item.payload) as LineEvent;
        const user = userOf(event);
        if ('userId' in user) enqueueEvent(event, user.userId, 'replay');
        else await store.inboxRemove(item.id);
      }
    } catch (error) {
      logger.error({ err: error }, 'LineChannel.replayPending(): could not read the inbox; will retry');
    }
  }

  /** Over the user's budget: dropped. Unfollow always passes (it deletes the user's data). */
  function withinUserLimit(event: LineEvent, userId: string): boolean {
    if (event.type === 'unfollow' || perUserLimit.take(`${LINE_CHANNEL_NAME}:${userId}`).allowed) return true;
    metrics.rateLimited.inc({ limit: 'user' });
    metrics.webhookEvents.inc({ channel: LINE_CHANNEL_NAME, outcome: 'rate-limited' });
    logger.warn(
      { user: logKey(`line:${userId}`), type: event.type },
      'LineChannel: user over the rate limit; event dropped',
    );
    return false;
  }

  const handleWebhook: Handler = async (req, res) => {
    const body = await readBody(req, options.bodyLimit ?? DEFAULT_BODY_LIMIT);
    const signature = req.headers['x-line-signature'];
    if (!hasValidSignature(body, secret, typeof signature === 'string' ? signature : undefined)) {
      metrics.webhookEvents.inc({ channel: LINE_CHANNEL_NAME, outcome: 'refused' });
      logger.warn(
        { route: LINE_WEBHOOK_PATH },
        'LineChannel: refused a request with a bad or missing signature',
      );
      throw new HttpError(401, 'invalid signature');
    }
    let events: LineEvent[];
    try {
      events = parseWebhook(body);
    } catch (error) {
      metrics.webhookEvents.inc({ channel: LINE_CHANNEL_NAME, outcome: 'refused' });
      throw error;
    }
    const accepted: Array<{ event: LineEvent; userId: string; payload: string }> = [];
    for (const event of events) {
      const user = userOf(event);
      if ('ignored' in user) {
        metrics.webhookEvents.inc({ channel: LINE_CHANNEL_NAME, outcome: 'ignored' });
        logger.info({ type: event.type, reason: user.ignored }, 'LineChannel: event ignored');
      } else if (!toInboundEvent(event, user.userId)) {
        metrics.webhookEvents.inc({ channel: LINE_CHANNEL_NAME, outcome: 'ignored' });
        logger.info({ type: event.type }, 'LineChannel: event type not handled; ignored');
      } else if (withinUserLimit(event, user.userId)) {
        accepted.push({ event, userId: user.userId, payload: JSON.stringify(event) });
      }
    }
    try {
      const receivedAt = Date.now();
      for (const { event, payload } of accepted) {
        await store.inboxAdd({ id: event.webhookEventId, channel: LINE_CHANNEL_NAME, payload, receivedAt });
      }
    } catch (error) {
      metrics.webhookEvents.inc({ channel: LINE_CHANNEL_NAME, outcome: 'unavailable' }, accepted.length);
      logger.error({ err: error }, 'LineChannel: the inbox is unavailable; asking LINE to redeliver');
      throw new HttpError(503, 'temporarily unavailable');
    }
    sendJson(res, 200, {});
    metrics.webhookEvents.inc({ channel: LINE_CHANNEL_NAME, outcome: 'accepted' }, accepted.length);
    for (const { event, userId } of accepted) enqueueEvent(event, userId, 'fresh');
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
      closeClient();
    },
  };
}
