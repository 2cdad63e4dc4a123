/**
 * The optional operator hook: each escalation is POSTed as JSON to `HANDOFF_WEBHOOK_URL`, signed
 * with HMAC-SHA256 (`X-Madoguchi-Signature: sha256=<hex>` over the raw body, keyed with
 * `HANDOFF_WEBHOOK_SECRET`), so a support desk can see who is about to call and why. Sent in the
 * background with retries and backoff: it never delays the user's reply.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Logger } from '../logger.ts';

export interface HandoffNotice {
  id: string;
  at: string;
  reason: string;
  channel: string;
  /** Opaque conversation key (never the channel's user id). */
  conversation: string;
  language: string;
  procedure: string | null;
  /** The case summary, rendered: in Japanese for the desk, and in the user's language. */
  summary: { ja: string[]; user: string[] };
}

export interface OperatorWebhookOptions {
  url: string;
  secret: string;
  logger: Logger;
  /** Delays between attempts; their count + 1 is the number of attempts. */
  backoffMs?: readonly number[];
  timeoutMs?: number;
}

export const SIGNATURE_HEADER = 'x-madoguchi-signature';

export function sign(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface OperatorWebhook {
  notify(notice: Omit<HandoffNotice, 'id' | 'at'>, now: Date): void;
  /** Waits for deliveries in progress (shutdown). */
  drain(): Promise<void>;
}

export function createOperatorWebhook(options: OperatorWebhookOptions): OperatorWebhook {
  const backoff = options.backoffMs ?? [500, 2_000, 8_000];
  const timeoutMs = options.timeoutMs ?? 5_000;
  const pending = new Set<Promise<void>>();

  async function deliver(notice: HandoffNotice): Promise<void> {
    const body = JSON.stringify(notice);
    const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(body, options.secret) };
    for (let attempt = 0; ; attempt += 1) {
      let status: number | undefined;
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = response.status;
        await response.body?.cancel();
        if (response.ok) return;
      } catch {
        status = undefined;
      }
      const retryable = status === undefined || status === 429 || status >= 500;
      const delay = backoff[attempt];
      if (!retryable || delay === undefined) {
        options.logger.error(
          { notice: notice.id, status, attempts: attempt + 1 },
          'OperatorWebhook: handoff notice not delivered',
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  return {
    notify(notice, now) {
      const delivery = deliver({ id: randomUUID(), at: now.toISOString(), ...notice }).finally(() =>
        pending.delete(delivery),
      );
      pending.add(delivery);
    },
    async drain() {
      await Promise.all(pending);
    },
  };
}
