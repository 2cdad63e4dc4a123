/**
 * Japanese deadline engine: when a foreign resident must file, and until when a stay or re-entry
 * is valid, counted in Tokyo calendar dates. See README.md for the rules and their sources.
 */
export {
  addCalendarDays,
  calendarDaysBetween,
  parseIsoDate,
  sameDayMonthsBefore,
  todayInTokyo,
} from './calendar.ts';
export {
  type ClosedDayReason,
  closedDayReason,
  HOLIDAY_DATA_RANGE,
  isClosedDay,
  nextOpenDay,
} from './closed-days.ts';
export { DeadlineInputError, HolidayDataRangeError } from './errors.ts';
export {
  computeDeadline,
  type DeadlineInput,
  type DeadlineResult,
  type DeadlineRules,
  isRuleId,
  RULES,
  type RuleId,
} from './registry.ts';
export type { Basis, Countdown, DeadlineStatus, FilingDeadline, ValidityEnd } from './results.ts';
export type { RuleInputSpec, RuleSpec } from './rule-spec.ts';
export type { EarlyWindow } from './rules/extend-stay.ts';
export type { ReentryVerdict } from './rules/reentry.ts';
