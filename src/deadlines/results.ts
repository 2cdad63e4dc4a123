/**
 * The pieces every rule's result is made of: a countdown from "today", and the two kinds of
 * dates the law sets — filing deadlines (which move off closed days) and validity ends (which
 * never do). See CONTENT-NOTES "Counting periods".
 */
import type { IsoDate } from '../messages.ts';
import { calendarDaysBetween, endOfDayPeriod, parseIsoDate } from './calendar.ts';
import { nextOpenDay } from './closed-days.ts';

export type DeadlineStatus = 'upcoming' | 'due-today' | 'overdue';

/**
 * Which legal rule produced a date, so a dialog can explain it:
 * - `civil-code-140-143`: counted under Civil Code arts. 140–143 (first day excluded).
 * - `closed-day-moved`: the legal date (`legalDue`) fell on a closed day; Act on Holidays of
 *   Administrative Organs art. 2 / Local Autonomy Act art. 4-2(4) move it to the next open day.
 * - `family-register-birth`: Family Register Act arts. 43, 49: 14 days counting the day of birth.
 * - `validity-not-moved`: the end of a period of validity (stay, re-entry, a newborn's 60 days);
 *   never moved, even when it falls on a closed day.
 * - `surrender-at-port`: the card is handed to the immigration officer at the port on departure.
 */
export type Basis =
  | 'civil-code-140-143'
  | 'closed-day-moved'
  | 'family-register-birth'
  | 'validity-not-moved'
  | 'surrender-at-port';

/** How far a date is from today: `daysLeft` is negative once it has passed. */
export interface Countdown {
  daysLeft: number;
  status: DeadlineStatus;
}

/** A deadline to file an application or notification by. */
export interface FilingDeadline extends Countdown {
  /** The last day to file: the legal date, or the next open day when that one is closed. */
  due: IsoDate;
  /** The legal date, present only when it fell on a closed day and `due` moved off it. */
  legalDue?: IsoDate;
  basis: 'civil-code-140-143' | 'closed-day-moved' | 'family-register-birth';
}

/** The last day of a period of validity. */
export interface ValidityEnd extends Countdown {
  until: IsoDate;
  basis: 'validity-not-moved';
}

/** What every rule's result starts with. */
export interface DeadlineResultBase<Rule extends string> {
  rule: Rule;
  today: IsoDate;
}

export function countdown(date: IsoDate, today: IsoDate): Countdown {
  const daysLeft = calendarDaysBetween(parseIsoDate(today, 'today'), date);
  return { daysLeft, status: daysLeft > 0 ? 'upcoming' : daysLeft === 0 ? 'due-today' : 'overdue' };
}

/** A statutory filing deadline: `legalDue` moved to the next open day when offices are closed. */
export function filingDeadline(
  legalDue: IsoDate,
  today: IsoDate,
  countedBy: 'civil-code-140-143' | 'family-register-birth',
): FilingDeadline {
  const due = nextOpenDay(legalDue);
  if (due === legalDue) return { due, basis: countedBy, ...countdown(due, today) };
  return { due, legalDue, basis: 'closed-day-moved', ...countdown(due, today) };
}

export function validityEnd(until: IsoDate, today: IsoDate): ValidityEnd {
  return { until, basis: 'validity-not-moved', ...countdown(until, today) };
}

/**
 * A notification or application due within `days` days of an event: Civil Code art. 140 leaves
 * the event day out, then the closed-day rule may move the last day.
 */
export function daysAfterEvent(eventDay: IsoDate, days: number, today: IsoDate): FilingDeadline {
  return filingDeadline(endOfDayPeriod(eventDay, days), today, 'civil-code-140-143');
}
