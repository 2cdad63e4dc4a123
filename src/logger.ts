/**
 * Structured logs (pino). Privacy rule: a log line never carries message text, names, dates or card
 * numbers — only an opaque user key, ids and counts. Callers pass fields, never user input.
 */
import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: redactedError },
    },
    destination,
  );
}

/**
 * Error messages from libraries may quote their input (`2026-02-30: holiday data covers…`): dates,
 * card numbers and long digit runs are masked in the message and stack before they reach a log.
 */
const USER_DATA_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b\d{1,5}[-/.年]\d{1,2}[-/.月]\d{1,5}日?/gu, '<date>'],
  [/\b[A-Z]{2}\d{8}[A-Z]{2}\b/g, '<card-number>'],
  [/\d{6,}/g, '<number>'],
];

function redact(text: string): string {
  return USER_DATA_PATTERNS.reduce((masked, [pattern, mask]) => masked.replace(pattern, mask), text);
}

function redactedError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = pino.stdSerializers.err(error);
  return {
    ...serialized,
    message: redact(serialized.message),
    ...(serialized.stack ? { stack: redact(serialized.stack) } : {}),
  };
}

/** An opaque, stable key for a user in logs: never the channel's raw id. */
export function logKey(conversationKey: string): string {
  return createHash('sha256').update(conversationKey).digest('base64url').slice(0, 12);
}
