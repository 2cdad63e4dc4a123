import type { IsoDate } from '../../messages.ts';
import { addCalendarDays, endOfDayPeriod, parseIsoDate } from '../calendar.ts';
import {
  type DeadlineResultBase,
  daysAfterEvent,
  type FilingDeadline,
  filingDeadline,
  type ValidityEnd,
  validityEnd,
} from '../results.ts';
import { type RuleSpec, requiredDate } from '../rule-spec.ts';

export const newbornSpec = {
  id: 'newborn',
  summary:
    'A child born in Japan without Japanese nationality: birth notification at the municipal office ' +
    '(14 days counting the day of birth), status of residence applied for within 30 days of birth, ' +
    'and the 60 days the child may stay without one',
  sources: [
    'Guidebook 1-1 v and 2-4',
    'Immigration Act art. 22-2(1) (60 days) and (2) (30 days)',
    'Family Register Act arts. 43, 49 (birth notification: the day of birth counts)',
  ],
  inputs: [requiredDate('birth', 'the date of birth')],
} as const satisfies RuleSpec;

export interface NewbornInput {
  birth: IsoDate;
}

/** The top-level `due` is the application for a status of residence (30 days). */
export interface NewbornResult extends DeadlineResultBase<'newborn'>, FilingDeadline {
  /** The last of the 60 days the child may stay without a status of residence; never moved. */
  stayWithoutStatus: ValidityEnd;
  /** Birth notification to the municipality: its own counting rule, then the closed-day rule. */
  birthNotification: FilingDeadline;
}

export function newbornDeadline(input: NewbornInput, today: IsoDate): NewbornResult {
  const birth = parseIsoDate(input.birth, 'birth');
  return {
    rule: 'newborn',
    today,
    ...daysAfterEvent(birth, 30, today),
    stayWithoutStatus: validityEnd(endOfDayPeriod(birth, 60), today),
    // Family Register Act art. 43: the day of birth is day 1 of the 14, unlike Civil Code art. 140.
    birthNotification: filingDeadline(addCalendarDays(birth, 13), today, 'family-register-birth'),
  };
}
