/**
 * The two ways a deadline computation refuses to answer. Both carry a message written for the
 * person who called us (a dialog, the CLI), naming what was wrong and what is accepted instead.
 */

/** An input the engine cannot use: an impossible date, a missing or contradictory input. */
export class DeadlineInputError extends Error {
  override name = 'DeadlineInputError';
}

/**
 * A closed-day computation was needed for a date the holiday data does not cover. We refuse
 * rather than guess: an unknown holiday would silently give a wrong "next open day".
 */
export class HolidayDataRangeError extends Error {
  override name = 'HolidayDataRangeError';
}
