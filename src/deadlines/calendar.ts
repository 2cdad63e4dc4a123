/**
 * Calendar-date arithmetic in Asia/Tokyo. Every date is an ISO `YYYY-MM-DD` string outside this
 * file; inside, month arithmetic turns it into a `TZDate` at midnight Tokyo time so that date-fns
 * never does UTC arithmetic by accident (a plain `new Date('2026-01-31')` is midnight UTC, i.e.
 * 09:00 in Tokyo, and its local getters depend on the server's TZ), and day arithmetic into a day
 * number (see `dayNumber`).
 */
import { TZDate } from '@date-fns/tz';
// Per-function entry points: the package root loads all of date-fns (about 2 s of CLI start-up).
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { getDaysInMonth } from 'date-fns/getDaysInMonth';
import { lastDayOfMonth } from 'date-fns/lastDayOfMonth';
import type { IsoDate } from '../messages.ts';
import { DeadlineInputError } from './errors.ts';

const TOKYO = 'Asia/Tokyo';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Years a user could plausibly mean; also keeps `TZDate` away from its 0–99 → 1900s quirk. */
export const YEAR_RANGE = { min: 1900, max: 2100 } as const;

/** 0 = Sunday … 6 = Saturday, as `Date.prototype.getDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * Validates a `YYYY-MM-DD` string and returns it unchanged. Rejects other shapes, impossible
 * dates (2026-02-30, 2025-02-29) and years outside 1900..2100, with a message naming the input.
 */
export function parseIsoDate(text: string, what = 'date'): IsoDate {
  const match = ISO_DATE.exec(text);
  if (!match) throw new DeadlineInputError(`${what}: "${text}" is not a date in the form YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < YEAR_RANGE.min || year > YEAR_RANGE.max) {
    throw new DeadlineInputError(`${what}: year ${year} is outside ${YEAR_RANGE.min}..${YEAR_RANGE.max}`);
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new DeadlineInputError(`${what}: ${text} does not exist in the calendar`);
  }
  return text;
}

/** Today's calendar date in Tokyo at the instant `now`. The only place the engine meets a clock. */
export function todayInTokyo(now: Date): IsoDate {
  if (Number.isNaN(now.getTime())) throw new DeadlineInputError('todayInTokyo: invalid Date');
  return toIso(new TZDate(now, TOKYO));
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function weekday(date: IsoDate): Weekday {
  return new Date(dayNumber(date) * DAY_MS).getUTCDay() as Weekday;
}

/**
 * The last day of a period of `days` days that starts with the event on `eventDay`.
 * Civil Code art. 140: the day of the event is not counted, so the period ends `days` days later
 * (art. 141: at the end of that day). Example: divorce on 26 Oct, 14 days → 9 Nov.
 */
export function endOfDayPeriod(eventDay: IsoDate, days: number): IsoDate {
  return addCalendarDays(eventDay, days);
}

/**
 * The last day of a period of `months` months that starts with the event on `eventDay`.
 * Civil Code art. 140: counting starts the next day; art. 143(2): the period ends the day before
 * the date corresponding to that start day in the last month, or that month's last day when the
 * corresponding date does not exist. So 31 Jan + 1 month → 28/29 Feb (start 1 Feb, 1 Mar − 1),
 * 28 Feb 2025 + 1 month → 31 Mar, and 29 Feb 2024 + 1 year → 28 Feb 2025.
 * https://elaws.e-gov.go.jp/document?lawid=129AC0000000089 (arts. 140–143)
 */
export function endOfMonthPeriod(eventDay: IsoDate, months: number): IsoDate {
  const start = fromIso(addCalendarDays(eventDay, 1));
  const lastMonth = addMonths(tokyoDate(start.getFullYear(), start.getMonth() + 1, 1), months);
  if (start.getDate() > getDaysInMonth(lastMonth)) return toIso(lastDayOfMonth(lastMonth));
  const corresponding = tokyoDate(lastMonth.getFullYear(), lastMonth.getMonth() + 1, start.getDate());
  return toIso(addDays(corresponding, -1));
}

/** The same day number `months` calendar months earlier, or that month's last day if it has none. */
export function sameDayMonthsBefore(date: IsoDate, months: number): IsoDate {
  return toIso(addMonths(fromIso(date), -months));
}

/** The earlier of two dates (ISO strings sort chronologically). */
export function earlierOf(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

/*
 * Day arithmetic (add days, days between, weekday) needs no time zone: a calendar date is a day
 * number (days since 1970-01-01, computed with Date.UTC and read with UTC getters only, so neither
 * the process TZ nor a TZDate is involved). The deadline rules run these on every turn that shows
 * a deadline, and each TZDate getter or setter asks Intl for the zone's offset.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 of a valid date (validated by `parseIsoDate`). */
function dayNumber(date: IsoDate): number {
  const [year, month, day] = parseIsoDate(date).split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromDayNumber(days: number): IsoDate {
  const date = new Date(days * DAY_MS);
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

function tokyoDate(year: number, month: number, day: number): TZDate {
  return new TZDate(year, month - 1, day, TOKYO);
}

function fromIso(date: IsoDate): TZDate {
  const [year, month, day] = parseIsoDate(date).split('-').map(Number) as [number, number, number];
  return tokyoDate(year, month, day);
}

/** `date` must be a `TZDate` in Tokyo: its getters then read Tokyo's calendar, whatever the process TZ. */
function toIso(date: TZDate): IsoDate {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}
