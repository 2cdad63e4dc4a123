/**
 * The webhook's edge: the signature check on the raw body, the request's shape, and the mapping of
 * LINE events onto the engine's inbound events.
 * https://developers.line.biz/en/reference/messaging-api/#webhooks
 */
import { validateSignature } from '@line/bot-sdk';
import { z } from 'zod';
import type { InboundEvent } from '../../engine/engine.ts';
import { HttpError, parseJsonBody } from '../../http/server.ts';

export const LINE_CHANNEL_NAME = 'line';

const sourceSchema = z.looseObject({
  type: z.string(),
  userId: z.string().optional(),
});

const eventSchema = z.looseObject({
  type: z.string(),
  webhookEventId: z.string().min(1),
  timestamp: z.number(),
  mode: z.string().optional(),
  replyToken: z.string().optional(),
  source: sourceSchema.optional(),
  deliveryContext: z.looseObject({ isRedelivery: z.boolean() }).optional(),
  message: z.looseObject({ type: z.string(), text: z.string().optional() }).optional(),
  postback: z
    .looseObject({ data: z.string(), params: z.record(z.string(), z.unknown()).optional() })
    .optional(),
});

const callbackSchema = z.looseObject({
  destination: z.string().optional(),
  events: z.array(eventSchema),
});

/** The parts of a LINE webhook event this channel reads (the rest is kept for the inbox). */
export type LineEvent = z.infer<typeof eventSchema>;

/** HMAC-SHA256 of the raw body with the channel secret, compared in constant time (by the SDK). */
export function hasValidSignature(body: Buffer, secret: string, signature: string | undefined): boolean {
  return typeof signature === 'string' && signature.length > 0 && validateSignature(body, secret, signature);
}

/** Parses a signed body; 400 when it is not UTF-8 JSON of a sane depth, or not a LINE webhook request. */
export function parseWebhook(body: Buffer): LineEvent[] {
  const parsed = callbackSchema.safeParse(parseJsonBody(body));
  if (!parsed.success) throw new HttpError(400, 'body is not a LINE webhook request');
  return parsed.data.events;
}

/**
 * Who the event is from, or why it is ignored. Madoguchi answers one person at a time about their
 * own residence status, so group and room chats (where answers would be read by others) are
 * ignored, as are events in standby mode (another module holds the chat).
 */
export function userOf(event: LineEvent): { userId: string } | { ignored: string } {
  if (event.mode === 'standby') return { ignored: 'standby mode' };
  if (event.source?.type !== 'user' || !event.source.userId) return { ignored: 'not a one-to-one chat' };
  return { userId: event.source.userId };
}

/** The engine's event for a LINE event, or undefined for event types the bot does not act on. */
export function toInboundEvent(event: LineEvent, userId: string): InboundEvent | undefined {
  const base = { channel: LINE_CHANNEL_NAME, userKey: userId, eventId: event.webhookEventId };
  switch (event.type) {
    case 'message':
      // Stickers, images, audio, video, files, locations: the engine says what it can read.
      return event.message?.type === 'text'
        ? { ...base, kind: 'text', text: event.message.text ?? '' }
        : { ...base, kind: 'unsupported' };
    case 'postback': {
      const date = event.postback?.params?.date;
      return typeof date === 'string'
        ? { ...base, kind: 'date', date }
        : { ...base, kind: 'choice', payload: event.postback?.data ?? '' };
    }
    case 'follow':
      return { ...base, kind: 'follow' };
    case 'unfollow':
      return { ...base, kind: 'unfollow' };
    default:
      return undefined;
  }
}
