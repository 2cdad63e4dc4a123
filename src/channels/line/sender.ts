/**
 * Everything this channel asks of the LINE Messaging API: replies with their push fallback,
 * timeouts and retries with backoff, the loading animation and the user's profile. Logs carry
 * statuses and LINE's request id, never message text.
 *
 * No lost answer: parts LINE could not take (down, slow, rate-limited past the retries) come back
 * to the caller as pending pushes, to be queued and pushed later. No duplicate: every push carries a
 * retry key derived from the event and part, so LINE accepts each part once, even when we retry
 * after a timeout whose request did get through.
 */
import { createHash } from 'node:crypto';
import { HTTPFetchError } from '@line/bot-sdk';
import type { Logger } from '../../logger.ts';
import { MAX_MESSAGES_PER_REQUEST } from './limits.ts';
import { type LineApi, LineNetworkError } from './line-api.ts';
import { chunk, type LineMessage } from './render.ts';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The first wait; each next one doubles (plus jitter). */
  baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 500 };
/** A LINE API call still unanswered after this is given up and retried. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** How long the loading animation may last; LINE takes 5–60 s in steps of 5. */
const LOADING_SECONDS = 20;

export interface Delivery {
  /** The LINE user id. */
  to: string;
  /** The event's reply token, when it may still be valid. */
  replyToken?: string;
  /** The webhookEventId the messages answer: the retry keys of the pushes derive from it. */
  eventId: string;
}

/** A part of a turn's answer LINE could not take yet: push it later with the same retry key. */
export interface PendingPush {
  part: number;
  messages: LineMessage[];
}

export interface LineSender {
  /**
   * Sends a turn's messages: reply first, then push (for the rest, or when the token is gone).
   * Returns the parts still to push because LINE was unavailable (empty when all went, or when
   * LINE refused them for good: a retry would be refused too).
   */
  deliver(delivery: Delivery, messages: readonly LineMessage[]): Promise<PendingPush[]>;
  /** `deliver` for messages already cut into parts (`partsOf`). */
  deliverParts(delivery: Delivery, parts: readonly PendingPush[]): Promise<PendingPush[]>;
  /** Pushes parts left pending by `deliver`; returns those still pending. */
  pushPending(
    delivery: Omit<Delivery, 'replyToken'>,
    pending: readonly PendingPush[],
  ): Promise<PendingPush[]>;
  showLoading(userId: string): Promise<void>;
  /** The user's LINE language (e.g. `vi`, `zh-TW`), or undefined when the profile can't be read. */
  profileLanguage(userId: string): Promise<string | undefined>;
}

/** A turn's messages cut into the parts LINE takes per request (part 0 is the reply, if any). */
export function partsOf(messages: readonly LineMessage[]): PendingPush[] {
  return chunk(messages, MAX_MESSAGES_PER_REQUEST).map((batch, part) => ({ part, messages: batch }));
}

/**
 * A push's `X-Line-Retry-Key`: a UUID derived from the event id and the part number, so that the
 * same push retried, even after a restart, is accepted once (LINE answers 409 to the repeats).
 * https://developers.line.biz/en/docs/messaging-api/retrying-api-request/
 */
export function retryKeyFor(eventId: string, part: number): string {
  const hash = createHash('sha1').update(`madoguchi:line:${eventId}:${part}`).digest();
  // An RFC 9562 version-5 layout (name-based, SHA-1).
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

class LineTimeoutError extends Error {
  override name = 'LineTimeoutError';
}

export function createLineSender(deps: {
  /** `createLineApi()` (or the SDK's `MessagingApiClient`). */
  client: LineApi;
  logger: Logger;
  retry?: RetryOptions;
  /** The first attempt's timeout; each retry waits twice as long as the one before (a slow LINE gets more time). */
  requestTimeoutMs?: number;
}): LineSender {
  const { client, logger } = deps;
  const retry = deps.retry ?? DEFAULT_RETRY;
  const timeoutMs = deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;

  /** 429 (rate limit), 5xx, a network failure or a timeout may succeed later; any other error won't. */
  function retriable(error: unknown): boolean {
    if (error instanceof HTTPFetchError) return error.status === 429 || error.status >= 500;
    // fetch() (the SDK's client) rejects with a TypeError on network failures
    return (
      error instanceof LineNetworkError || error instanceof TypeError || error instanceof LineTimeoutError
    );
  }

  /** The call is abandoned (it may still reach LINE) after `ms`. */
  function withTimeout<T>(call: Promise<T>, ms: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LineTimeoutError(`LINE did not answer within ${ms} ms`)), ms);
    });
    return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
  }

  async function withRetries<T>(operation: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await withTimeout(operation(), timeoutMs * 2 ** (attempt - 1));
      } catch (error) {
        if (attempt >= retry.attempts || !retriable(error)) throw error;
        const delay = retry.baseDelayMs * 2 ** (attempt - 1) * (1 + Math.random() / 2);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  function describe(error: unknown): Record<string, unknown> {
    if (!(error instanceof HTTPFetchError)) return { err: (error as Error)?.name ?? 'error' };
    let lineMessage: unknown;
    try {
      // LINE's error message names the problem (`Invalid reply token`, a property path), not user text.
      lineMessage = (JSON.parse(error.body) as { message?: unknown }).message;
    } catch {
      lineMessage = undefined;
    }
    return { status: error.status, requestId: error.headers.get('x-line-request-id'), lineMessage };
  }

  function invalidReplyToken(error: unknown): boolean {
    return (
      error instanceof HTTPFetchError &&
      error.status === 400 &&
      describe(error).lineMessage === 'Invalid reply token'
    );
  }

  type PushOutcome = 'sent' | 'refused' | 'unavailable';
  async function push(delivery: Omit<Delivery, 'replyToken'>, part: PendingPush): Promise<PushOutcome> {
    try {
      await withRetries(() =>
        client.pushMessage(
          { to: delivery.to, messages: part.messages },
          retryKeyFor(delivery.eventId, part.part),
        ),
      );
      return 'sent';
    } catch (error) {
      // 409: a push with this retry key was already accepted (an earlier attempt got through).
      if (error instanceof HTTPFetchError && error.status === 409) return 'sent';
      if (retriable(error)) {
        logger.warn(
          { ...describe(error), part: part.part },
          'LineChannel.push(): LINE is unavailable; the push is queued for later',
        );
        return 'unavailable';
      }
      logger.error(
        { ...describe(error), part: part.part },
        'LineChannel.push(): LINE refused the push; messages not sent',
      );
      return 'refused';
    }
  }

  async function pushPending(
    delivery: Omit<Delivery, 'replyToken'>,
    pending: readonly PendingPush[],
  ): Promise<PendingPush[]> {
    for (const [index, part] of pending.entries()) {
      const outcome = await push(delivery, part);
      // In order: a later part never overtakes one still pending.
      if (outcome === 'unavailable') return pending.slice(index);
      if (outcome === 'refused') return [];
    }
    return [];
  }

  /**
   * Replies with the first batch; true when it went. A reply has no retry key: when an attempt
   * timed out or failed with 5xx, LINE may have taken it, and a retry then hears "Invalid reply
   * token" (a token is used once) — which means the earlier attempt got through, not that it expired.
   */
  async function reply(replyToken: string, messages: LineMessage[]): Promise<'sent' | 'push' | 'refused'> {
    let maybeTaken = false;
    try {
      await withRetries(async () => {
        const earlierMayHaveLanded = maybeTaken;
        // Until LINE says otherwise (429: refused, not processed), this attempt may land.
        maybeTaken = true;
        try {
          await client.replyMessage({ replyToken, messages });
        } catch (error) {
          if (earlierMayHaveLanded && invalidReplyToken(error)) return;
          if (error instanceof HTTPFetchError && error.status === 429) maybeTaken = earlierMayHaveLanded;
          throw error;
        }
      });
      return 'sent';
    } catch (error) {
      if (invalidReplyToken(error)) {
        logger.info(describe(error), 'LineChannel.reply(): reply token expired, falling back to push');
        return 'push';
      }
      if (retriable(error)) {
        logger.warn(describe(error), 'LineChannel.reply(): LINE is unavailable; falling back to push');
        return 'push';
      }
      logger.error(describe(error), 'LineChannel.reply(): LINE refused the reply; messages not sent');
      return 'refused';
    }
  }

  async function deliverParts(delivery: Delivery, parts: readonly PendingPush[]): Promise<PendingPush[]> {
    const [first, ...rest] = parts;
    if (delivery.replyToken && first) {
      const outcome = await reply(delivery.replyToken, first.messages);
      if (outcome === 'refused') return [];
      if (outcome === 'sent') return pushPending(delivery, rest);
    }
    return pushPending(delivery, parts);
  }

  return {
    deliver: (delivery, messages) => deliverParts(delivery, partsOf(messages)),
    deliverParts,
    pushPending,
    async showLoading(userId) {
      try {
        await client.showLoadingAnimation({ chatId: userId, loadingSeconds: LOADING_SECONDS });
      } catch (error) {
        logger.warn(describe(error), 'LineChannel.showLoading(): LINE refused the loading animation');
      }
    },

    async profileLanguage(userId) {
      try {
        return (await withRetries(() => client.getProfile(userId))).language;
      } catch (error) {
        logger.warn(
          describe(error),
          'LineChannel.profileLanguage(): no profile; greeting in the default language',
        );
        return undefined;
      }
    },
  };
}
