/**
 * Everything this channel asks of the LINE Messaging API: replies with their push fallback,
 * retries, the loading animation and the user's profile. Logs carry statuses and LINE's request
 * id, never message text.
 */
import { createHash } from 'node:crypto';
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import type { Logger } from '../../logger.ts';
import { MAX_MESSAGES_PER_REQUEST } from './limits.ts';
import { chunk, type LineMessage } from './render.ts';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The first wait; each next one doubles (plus jitter). */
  baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 500 };

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

export interface LineSender {
  /**
   * Sends a turn's messages: reply first, then push (for the rest, or when the token is gone).
   * Resolves false when LINE refused part of them (logged).
   */
  deliver(delivery: Delivery, messages: readonly LineMessage[]): Promise<boolean>;
  showLoading(userId: string): Promise<void>;
  /** The user's LINE language (e.g. `vi`, `zh-TW`), or undefined when the profile can't be read. */
  profileLanguage(userId: string): Promise<string | undefined>;
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

export function createLineSender(deps: {
  client: messagingApi.MessagingApiClient;
  logger: Logger;
  retry?: RetryOptions;
}): LineSender {
  const { client, logger } = deps;
  const retry = deps.retry ?? DEFAULT_RETRY;

  /** 429 (rate limit) and 5xx or a network failure may succeed later; any other error won't. */
  function retriable(error: unknown): boolean {
    if (error instanceof HTTPFetchError) return error.status === 429 || error.status >= 500;
    return error instanceof TypeError; // fetch() rejects with a TypeError on network failures
  }

  async function withRetries<T>(operation: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await operation();
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

  async function push(delivery: Delivery, messages: LineMessage[], part: number): Promise<boolean> {
    try {
      await withRetries(() =>
        client.pushMessage({ to: delivery.to, messages }, retryKeyFor(delivery.eventId, part)),
      );
      return true;
    } catch (error) {
      // 409: a push with this retry key was already accepted (an earlier attempt got through).
      if (error instanceof HTTPFetchError && error.status === 409) return true;
      logger.error(
        { ...describe(error), part },
        'LineChannel.push(): LINE refused the push; messages not sent',
      );
      return false;
    }
  }

  return {
    async deliver(delivery, messages) {
      const batches = chunk(messages, MAX_MESSAGES_PER_REQUEST);
      let first = 0;
      if (delivery.replyToken && batches[0]) {
        try {
          await withRetries(() =>
            client.replyMessage({ replyToken: delivery.replyToken as string, messages: batches[0] ?? [] }),
          );
          first = 1;
        } catch (error) {
          if (!invalidReplyToken(error)) {
            logger.error(describe(error), 'LineChannel.reply(): LINE refused the reply; messages not sent');
            return false;
          }
          logger.info(describe(error), 'LineChannel.reply(): reply token expired, falling back to push');
        }
      }
      for (let part = first; part < batches.length; part += 1) {
        if (!(await push(delivery, batches[part] ?? [], part))) return false;
      }
      return true;
    },

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
