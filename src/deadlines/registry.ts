/**
 * Every deadline rule, by id: its description (`RULES`, read by the CLI and reminders) and its
 * computation (`computeDeadline`). Adding a rule = one file in `rules/` plus one line in each map.
 */
import type { IsoDate } from '../messages.ts';
import type { RuleSpec } from './rule-spec.ts';
import {
  type ExtendStayInput,
  type ExtendStayResult,
  extendStayDeadline,
  extendStaySpec,
} from './rules/extend-stay.ts';
import {
  type LostCardInput,
  type LostCardResult,
  lostCardDeadline,
  lostCardSpec,
} from './rules/lost-card.ts';
import { type MoveInInput, type MoveInResult, moveInDeadline, moveInSpec } from './rules/move-in.ts';
import { type NewbornInput, type NewbornResult, newbornDeadline, newbornSpec } from './rules/newborn.ts';
import {
  type NotifyChangeInput,
  type NotifyChangeResult,
  notifyChangeDeadline,
  notifyChangeSpec,
} from './rules/notify-change.ts';
import { type ReentryInput, type ReentryResult, reentryDeadline, reentrySpec } from './rules/reentry.ts';
import {
  type ReturnCardInput,
  type ReturnCardResult,
  returnCardDeadline,
  returnCardSpec,
} from './rules/return-card.ts';

/** Each rule's input and result types, by rule id. */
export interface DeadlineRules {
  'move-in': { input: MoveInInput; result: MoveInResult };
  'lost-card': { input: LostCardInput; result: LostCardResult };
  'return-card': { input: ReturnCardInput; result: ReturnCardResult };
  'notify-change': { input: NotifyChangeInput; result: NotifyChangeResult };
  newborn: { input: NewbornInput; result: NewbornResult };
  'extend-stay': { input: ExtendStayInput; result: ExtendStayResult };
  reentry: { input: ReentryInput; result: ReentryResult };
}

export type RuleId = keyof DeadlineRules;
export type DeadlineInput<R extends RuleId = RuleId> = DeadlineRules[R]['input'];
export type DeadlineResult<R extends RuleId = RuleId> = DeadlineRules[R]['result'];

export const RULES = {
  'move-in': moveInSpec,
  'lost-card': lostCardSpec,
  'return-card': returnCardSpec,
  'notify-change': notifyChangeSpec,
  newborn: newbornSpec,
  'extend-stay': extendStaySpec,
  reentry: reentrySpec,
} as const satisfies { [R in RuleId]: RuleSpec & { id: R } };

const COMPUTE: { [R in RuleId]: (input: DeadlineInput<R>, today: IsoDate) => DeadlineResult<R> } = {
  'move-in': moveInDeadline,
  'lost-card': lostCardDeadline,
  'return-card': returnCardDeadline,
  'notify-change': notifyChangeDeadline,
  newborn: newbornDeadline,
  'extend-stay': extendStayDeadline,
  reentry: reentryDeadline,
};

export function isRuleId(value: string): value is RuleId {
  return Object.hasOwn(RULES, value);
}

/**
 * Computes a rule's dates and their countdown from `today` (a Tokyo calendar date: the engine
 * never reads the clock; see `todayInTokyo`). Throws `DeadlineInputError` for unusable inputs and
 * `HolidayDataRangeError` when a closed day must be checked outside the holiday data.
 */
export function computeDeadline<R extends RuleId>(
  rule: R,
  input: DeadlineInput<R>,
  today: IsoDate,
): DeadlineResult<R> {
  return COMPUTE[rule](input, today);
}
