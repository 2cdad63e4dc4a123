/**
 * Days on which administrative offices are closed, for the "next open day" rule.
 * Act on Holidays of Administrative Organs (行政機関の休日に関する法律) art. 1: Saturdays, Sundays,
 * national holidays (祝日法 holidays, including substitute holidays 振替休日 and citizens' holidays)
 * and 29 Dec–3 Jan. https://elaws.e-gov.go.jp/document?lawid=363AC0000000091
 * Municipal offices close on the same days (Local Autonomy Act art. 4-2).
 */
import holidayJp from '@holiday-jp/holiday_jp';
import type { IsoDate } from '../messages.ts';
import { addCalendarDays, parseIsoDate, weekday } from './calendar.ts';
import { HolidayDataRangeError } from './errors.ts';

export type ClosedDayReason = 'saturday' | 'sunday' | 'holiday' | 'year-end';

const holidays: Readonly<Record<string, unknown>> = holidayJp.holidays;

/**
 * The whole years the holiday data covers, read from the data itself (the package ships one list
 * per year, so a year present in it is complete; 2.5.1 covers 1970..2050).
 */
export const HOLIDAY_DATA_RANGE: { readonly from: IsoDate; readonly to: IsoDate } = (() => {
  const years = Object.keys(holidays).map((date) => Number(date.slice(0, 4)));
  return { from: `${Math.min(...years)}-01-01`, to: `${Math.max(...years)}-12-31` };
})();

/**
 * Why offices are closed on `date`, or `undefined` when they are open. One reason is given even
 * when several apply, the most specific first: year-end, then holiday, then the weekday.
 * Throws `HolidayDataRangeError` outside `HOLIDAY_DATA_RANGE`.
 */
export function closedDayReason(date: IsoDate): ClosedDayReason | undefined {
  assertHolidayDataCovers(parseIsoDate(date));
  const monthDay = date.slice(5);
  if (monthDay >= '12-29' || monthDay <= '01-03') return 'year-end';
  if (Object.hasOwn(holidays, date)) return 'holiday';
  const day = weekday(date);
  if (day === 6) return 'saturday';
  if (day === 0) return 'sunday';
  return undefined;
}

export function isClosedDay(date: IsoDate): boolean {
  return closedDayReason(date) !== undefined;
}

/** `date` itself when offices are open that day, otherwise the first open day after it. */
export function nextOpenDay(date: IsoDate): IsoDate {
  return firstOpenDay(date, 1);
}

/** `date` itself when offices are open that day, otherwise the last open day before it. */
export function lastOpenDayOnOrBefore(date: IsoDate): IsoDate {
  return firstOpenDay(date, -1);
}

function firstOpenDay(date: IsoDate, step: 1 | -1): IsoDate {
  let day = date;
  while (isClosedDay(day)) day = addCalendarDays(day, step);
  return day;
}

function assertHolidayDataCovers(date: IsoDate): void {
  if (date < HOLIDAY_DATA_RANGE.from || date > HOLIDAY_DATA_RANGE.to) {
    throw new HolidayDataRangeError(
      `${date}: Japanese holiday data covers ${HOLIDAY_DATA_RANGE.from}..${HOLIDAY_DATA_RANGE.to} only; ` +
        'cannot tell whether offices are open (update @holiday-jp/holiday_jp)',
    );
  }
}
