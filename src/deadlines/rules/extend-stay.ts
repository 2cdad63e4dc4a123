import type { IsoDate } from '../../messages.ts';
import { endOfMonthPeriod, parseIsoDate, sameDayMonthsBefore } from '../calendar.ts';
import { lastOpenDayOnOrBefore } from '../closed-days.ts';
import { DeadlineInputError } from '../errors.ts';
import { type Countdown, countdown, type DeadlineResultBase } from '../results.ts';
import { type RuleSpec, requiredDate } from '../rule-spec.ts';

export const extendStaySpec = {
  id: 'extend-stay',
  summary:
    'Extension of the period of stay: apply on or before the expiry date (from about 3 months before ' +
    'it for stays of 6 months or more); applying in time allows staying until the decision, at most ' +
    '2 months after expiry',
  sources: [
    'Guidebook 2-1',
    'https://www.moj.go.jp/isa/applications/procedures/16-3.html (about 3 months before expiry)',
    'Immigration Act arts. 20(6), 21(4) (special period; not for stays of 30 days or less)',
  ],
  inputs: [
    requiredDate('expiry', 'the last day of your period of stay (on the residence card)'),
    {
      name: 'stayMonths',
      flag: 'stay-months',
      type: 'integer',
      required: false,
      description: 'the length of the period of stay granted, in months (0 for 15 or 30 days)',
    },
  ],
} as const satisfies RuleSpec;

export interface ExtendStayInput {
  expiry: IsoDate;
  /** Length of the period of stay in months; 0 for stays shorter than a month (15 or 30 days). */
  stayMonths?: number;
}

/**
 * - `from-about-3-months-before`: stays of 6 months or more; `applyFrom` is set.
 * - `none`: stays under 6 months; no early window is published, `applyFrom` is absent.
 * - `if-stay-of-6-months-or-more`: length unknown; `applyFrom` holds only for such stays.
 */
export type EarlyWindow = 'from-about-3-months-before' | 'none' | 'if-stay-of-6-months-or-more';

/** `daysLeft`/`status` count down to `applyBy`. */
export interface ExtendStayResult extends DeadlineResultBase<'extend-stay'>, Countdown {
  /** The expiry date itself: a validity end, never moved even when offices are closed. */
  applyBy: IsoDate;
  basis: 'validity-not-moved';
  /** The last day offices are open on or before `applyBy`: in practice, file by then. */
  lastOpenDayToApply: IsoDate;
  earlyWindow: EarlyWindow;
  /** Same day number 3 calendar months before expiry ("about": ISA gives no exact rule). */
  applyFrom?: IsoDate;
  /**
   * Only for an application filed by `applyBy`: the stay lasts until the decision, at the latest
   * this day (2 months counted from expiry under Civil Code arts. 140, 143). Absent for stays of
   * 30 days or less.
   */
  specialPeriodEnd?: IsoDate;
}

const EARLY_WINDOW_MIN_STAY_MONTHS = 6;
const EARLY_WINDOW_MONTHS = 3;
const SPECIAL_PERIOD_MONTHS = 2;

export function extendStayDeadline(input: ExtendStayInput, today: IsoDate): ExtendStayResult {
  const expiry = parseIsoDate(input.expiry, 'expiry');
  const { stayMonths } = input;
  if (stayMonths !== undefined && !(Number.isInteger(stayMonths) && stayMonths >= 0)) {
    throw new DeadlineInputError(`stayMonths: ${stayMonths} is not a whole number of months (0 or more)`);
  }
  const earlyWindow: EarlyWindow =
    stayMonths === undefined
      ? 'if-stay-of-6-months-or-more'
      : stayMonths >= EARLY_WINDOW_MIN_STAY_MONTHS
        ? 'from-about-3-months-before'
        : 'none';
  return {
    rule: 'extend-stay',
    today,
    applyBy: expiry,
    basis: 'validity-not-moved',
    ...countdown(expiry, today),
    lastOpenDayToApply: lastOpenDayOnOrBefore(expiry),
    earlyWindow,
    ...(earlyWindow !== 'none' && { applyFrom: sameDayMonthsBefore(expiry, EARLY_WINDOW_MONTHS) }),
    // A stay given in whole months is longer than 30 days; 0 stands for the 15- and 30-day stays.
    ...(stayMonths !== 0 && { specialPeriodEnd: endOfMonthPeriod(expiry, SPECIAL_PERIOD_MONTHS) }),
  };
}
