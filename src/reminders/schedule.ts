/**
 * When a reminder is sent: which days before a deadline (per kind of deadline), at 09:00 in Tokyo.
 * Pure: the caller passes "now"; the dates come from the deadline engine's calendar arithmetic.
 */
import { addCalendarDays, sameDayMonthsBefore } from '../deadlines/index.ts';
import type { IsoDate } from '../messages.ts';

/**
 * The kinds of deadline a dialog can offer a reminder for, each with its own schedule:
 * - `period-of-stay`: the expiry of a stay of 6 months or more (extend-stay, change-status): about
 *   3 months before, when applications open (ISA: https://www.moj.go.jp/isa/applications/procedures/16-3.html),
 *   then 1 month, 2 weeks and 1 week before.
 * - `short-period-of-stay`: a shorter or unknown stay (no published early window): 1 month, 2 weeks, 1 week.
 * - `notification`: the 14-day notifications (move-in, lost-card, return-card, notify-change, a
 *   newborn's birth notification and 30-day application): 7 days and 1 day before.
 * - `return-by`: the last day to come back with special re-entry or a re-entry permit: a return
 *   trip is booked weeks ahead, so 1 month and 1 week before.
 * - `leave-by`: a newborn's 60 days without a status of residence: a departure with a baby is
 *   planned ahead, so 2 weeks and 3 days before.
 */
export const SCHEDULES = {
  'period-of-stay': [{ months: 3 }, { months: 1 }, { days: 14 }, { days: 7 }],
  'short-period-of-stay': [{ months: 1 }, { days: 14 }, { days: 7 }],
  notification: [{ days: 7 }, { days: 1 }],
  'return-by': [{ months: 1 }, { days: 7 }],
  'leave-by': [{ days: 14 }, { days: 3 }],
} as const satisfies Record<string, ReadonlyArray<{ months: number } | { days: number }>>;

export type ScheduleId = keyof typeof SCHEDULES;

export function isScheduleId(value: string): value is ScheduleId {
  return Object.hasOwn(SCHEDULES, value);
}

/** A humane hour in Japan. Japan has no daylight saving time, so +09:00 is always right. */
export const SEND_TIME_TOKYO = '09:00';

/** The instant a reminder dated `date` is sent: 09:00 Asia/Tokyo that day. */
export function sendInstant(date: IsoDate): Date {
  return new Date(`${date}T${SEND_TIME_TOKYO}:00+09:00`);
}

/**
 * The days on which reminders for a deadline on `due` are sent, earliest first, leaving out those
 * whose 09:00 has already passed at `now` (and duplicates, e.g. when 1 month and 14 days meet).
 */
export function reminderDates(schedule: ScheduleId, due: IsoDate, now: Date): IsoDate[] {
  const dates = SCHEDULES[schedule].map((offset) =>
    'months' in offset ? sameDayMonthsBefore(due, offset.months) : addCalendarDays(due, -offset.days),
  );
  return [...new Set(dates)].filter((date) => sendInstant(date) > now).sort();
}
