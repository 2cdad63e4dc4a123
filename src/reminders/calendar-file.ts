/**
 * The `.ics` calendar file of a deadline (RFC 5545, written by the `ics` package), for users who
 * keep their own calendar: `GET /reminders/<token>.ics`. The token carries the deadline itself
 * (what, due date, dialog, language) and an HMAC-SHA256 signature, so nothing is stored for it and
 * nobody can make the server sign a date of their choosing; it is compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createEvent } from 'ics';
import type { LanguageCode, Translator } from '../i18n/index.ts';
import { type IsoDate, phrase } from '../messages.ts';

export const CALENDAR_PATH_PREFIX = '/reminders/';

export interface CalendarDeadline {
  what: string;
  due: IsoDate;
  dialog: string;
  locale: LanguageCode;
}

function signature(body: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`madoguchi:ics:${body}`).digest();
}

export function calendarToken(deadline: CalendarDeadline, secret: string): string {
  const body = Buffer.from(
    JSON.stringify([deadline.what, deadline.due, deadline.dialog, deadline.locale]),
  ).toString('base64url');
  return `${body}.${signature(body, secret).toString('base64url')}`;
}

/** The deadline a token names, or undefined when it was not signed with `secret` or is malformed. */
export function readCalendarToken(token: string, secret: string): CalendarDeadline | undefined {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return undefined;
  const expected = signature(body, secret);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const [what, due, dialog, locale] = JSON.parse(
      Buffer.from(body, 'base64url').toString('utf8'),
    ) as string[];
    if (!what || !due || !dialog || !locale || !/^\d{4}-\d{2}-\d{2}$/.test(due)) return undefined;
    return { what, due, dialog, locale: locale as LanguageCode };
  } catch {
    return undefined;
  }
}

export function calendarUrl(baseUrl: string, deadline: CalendarDeadline, secret: string): string {
  return new URL(`${CALENDAR_PATH_PREFIX}${calendarToken(deadline, secret)}.ics`, baseUrl).toString();
}

/**
 * An all-day event on the due date (a Tokyo calendar date, written as a floating DATE so that it
 * stays on that day whatever the calendar's time zone), with alarms at 09:00 a week before and the
 * day before (triggers are relative to the event's start, midnight).
 */
export function calendarFile(deadline: CalendarDeadline, translator: Translator): string {
  const [year, month, day] = deadline.due.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  const render = (key: string) =>
    translator.render(phrase(key, { what: phrase(deadline.what), due: deadline.due }), deadline.locale);
  const title = render('reminders:calendar.title');
  const { error, value } = createEvent({
    productId: 'madoguchi/reminders',
    uid: `${deadline.dialog}-${deadline.what}-${deadline.due}@madoguchi`,
    start: [year, month, day],
    end: [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()],
    title,
    description: render('reminders:calendar.description'),
    busyStatus: 'FREE',
    transp: 'TRANSPARENT',
    alarms: [
      { action: 'display', description: title, trigger: { days: 6, hours: 15, before: true } },
      { action: 'display', description: title, trigger: { hours: 15, before: true } },
    ],
  });
  if (error || !value)
    throw new Error(`calendarFile(): ics refused the event: ${error?.message ?? 'no output'}`);
  return value;
}
