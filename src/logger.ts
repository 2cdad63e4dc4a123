/**
 * Structured logs (pino). Privacy rule: a log line never carries message text, names, dates or card
 * numbers — only an opaque user key, ids and counts. Callers pass fields, never user input.
 */
import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

/** An opaque, stable key for a user in logs: never the channel's raw id. */
export function logKey(conversationKey: string): string {
  return createHash('sha256').update(conversationKey).digest('base64url').slice(0, 12);
}
