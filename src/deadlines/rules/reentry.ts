import type { IsoDate } from '../../messages.ts';
import { earlierOf, endOfMonthPeriod, parseIsoDate } from '../calendar.ts';
import { DeadlineInputError } from '../errors.ts';
import { type Countdown, countdown, type DeadlineResultBase } from '../results.ts';
import { type RuleSpec, requiredDate } from '../rule-spec.ts';

export const reentrySpec = {
  id: 'reentry',
  summary:
    'Leaving Japan temporarily: with special re-entry, return within 1 year of departure and before ' +
    'the period of stay ends; with a re-entry permit, within its validity (up to 5 years), also ' +
    'capped at the period of stay',
  sources: [
    'Guidebook 3',
    'Immigration Act art. 26-2 (special re-entry), art. 26 (re-entry permit)',
    'https://www.isa.go.jp/en/applications/guide/minashisainyukoku.html',
  ],
  inputs: [
    requiredDate('departure', 'the day you leave Japan'),
    requiredDate('expiry', 'the last day of your period of stay'),
    {
      name: 'plannedReturn',
      flag: 'return',
      type: 'date',
      required: false,
      description: 'the day you plan to come back',
    },
  ],
} as const satisfies RuleSpec;

export interface ReentryInput {
  departure: IsoDate;
  expiry: IsoDate;
  plannedReturn?: IsoDate;
}

/**
 * - `special-reentry-suffices`: back by `returnBy`; declare it on the embarkation card.
 * - `permit-needed`: later than `returnBy` but by `permitReturnBy`: get a re-entry permit first.
 * - `beyond-permit-limit`: later than any permit allows (5 years, or the period of stay).
 */
export type ReentryVerdict = 'special-reentry-suffices' | 'permit-needed' | 'beyond-permit-limit';

/** `daysLeft`/`status` count down to `returnBy`, the special re-entry limit. */
export interface ReentryResult extends DeadlineResultBase<'reentry'>, Countdown {
  /** Special re-entry: the earlier of 1 year after departure and the end of the period of stay. */
  returnBy: IsoDate;
  returnByLimit: 'one-year' | 'period-of-stay';
  /**
   * Re-entry permit: the earlier of 5 years after departure (the most a permit is given for; its
   * own validity is printed on it) and the end of the period of stay.
   */
  permitReturnBy: IsoDate;
  permitReturnByLimit: 'five-years' | 'period-of-stay';
  basis: 'validity-not-moved';
  plannedReturn?: IsoDate;
  verdict?: ReentryVerdict;
}

export function reentryDeadline(input: ReentryInput, today: IsoDate): ReentryResult {
  const departure = parseIsoDate(input.departure, 'departure');
  const expiry = parseIsoDate(input.expiry, 'expiry');
  if (departure > expiry) {
    throw new DeadlineInputError(`departure: ${departure} is after the period of stay ends (${expiry})`);
  }
  // Civil Code arts. 140, 143: the departure day is not counted; years follow the calendar.
  const oneYear = endOfMonthPeriod(departure, 12);
  const fiveYears = endOfMonthPeriod(departure, 60);
  const returnBy = earlierOf(oneYear, expiry);
  const permitReturnBy = earlierOf(fiveYears, expiry);
  return {
    rule: 'reentry',
    today,
    returnBy,
    returnByLimit: returnBy === oneYear ? 'one-year' : 'period-of-stay',
    permitReturnBy,
    permitReturnByLimit: permitReturnBy === fiveYears ? 'five-years' : 'period-of-stay',
    basis: 'validity-not-moved',
    ...countdown(returnBy, today),
    ...plannedReturnVerdict(input.plannedReturn, departure, returnBy, permitReturnBy),
  };
}

function plannedReturnVerdict(
  plannedReturn: IsoDate | undefined,
  departure: IsoDate,
  returnBy: IsoDate,
  permitReturnBy: IsoDate,
): { plannedReturn?: IsoDate; verdict?: ReentryVerdict } {
  if (plannedReturn === undefined) return {};
  if (parseIsoDate(plannedReturn, 'plannedReturn') < departure) {
    throw new DeadlineInputError(`plannedReturn: ${plannedReturn} is before the departure (${departure})`);
  }
  const verdict: ReentryVerdict =
    plannedReturn <= returnBy
      ? 'special-reentry-suffices'
      : plannedReturn <= permitReturnBy
        ? 'permit-needed'
        : 'beyond-permit-limit';
  return { plannedReturn, verdict };
}
