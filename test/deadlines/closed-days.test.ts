import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, calendarDaysBetween } from '../../src/deadlines/calendar.ts';
import {
  closedDayReason,
  HOLIDAY_DATA_RANGE,
  isClosedDay,
  lastOpenDayOnOrBefore,
  nextOpenDay,
} from '../../src/deadlines/closed-days.ts';
import { HolidayDataRangeError } from '../../src/deadlines/errors.ts';

describe('closedDayReason', () => {
  it.each([
    ['2026-05-06', 'holiday'], // substitute holiday for Constitution Day (Sun 3 May)
    ['2025-11-24', 'holiday'], // substitute holiday for Labour Thanksgiving Day (Sun 23 Nov)
    ['2026-09-22', 'holiday'], // citizens' holiday between two holidays
    ['2019-05-01', 'holiday'], // enthronement day, a one-off holiday
    ['2026-01-12', 'holiday'], // Coming of Age Day, second Monday of January
    ['2026-05-02', 'saturday'],
    ['2026-05-10', 'sunday'],
    ['2026-12-29', 'year-end'],
    ['2026-12-31', 'year-end'],
    ['2027-01-01', 'year-end'], // also New Year's Day: the year-end closure is the reason given
    ['2027-01-03', 'year-end'],
    ['2026-05-07', undefined],
    ['2026-12-28', undefined],
    ['2027-01-04', undefined],
  ])('%s → %s', (date, reason) => {
    expect(closedDayReason(date)).toBe(reason);
    expect(isClosedDay(date)).toBe(reason !== undefined);
  });
});

describe('nextOpenDay', () => {
  it.each([
    ['2026-05-07', '2026-05-07', 'an open day is its own next open day'],
    ['2026-05-02', '2026-05-07', 'Golden Week: Sat, Sun, 3 holidays'],
    ['2026-04-29', '2026-04-30', 'Showa Day on a Wednesday'],
    ['2026-09-19', '2026-09-24', 'Silver Week: Sat, Sun, Mon holiday, citizens holiday, equinox'],
    ['2026-01-10', '2026-01-13', 'Sunday then Coming of Age Monday'],
    ['2025-11-22', '2025-11-25', 'Sunday holiday and its Monday substitute'],
    ['2025-12-27', '2026-01-05', 'weekend into the year-end closure'],
    ['2026-12-29', '2027-01-04', 'year-end closure ending on a Sunday'],
  ])('%s → %s (%s)', (date, open) => {
    expect(nextOpenDay(date)).toBe(open);
  });
});

describe('lastOpenDayOnOrBefore', () => {
  it.each([
    ['2026-05-06', '2026-05-01'],
    ['2027-01-03', '2026-12-28'],
    ['2026-05-07', '2026-05-07'],
  ])('%s → %s', (date, open) => {
    expect(lastOpenDayOnOrBefore(date)).toBe(open);
  });
});

describe('holiday data coverage', () => {
  it('is read from the data: whole years 1970..2050', () => {
    expect(HOLIDAY_DATA_RANGE).toEqual({ from: '1970-01-01', to: '2050-12-31' });
  });

  it.each(['1969-12-31', '2051-01-01', '1900-01-01', '2100-12-31'])(
    'refuses %s, naming the range',
    (date) => {
      expect(() => isClosedDay(date)).toThrow(HolidayDataRangeError);
      expect(() => isClosedDay(date)).toThrow('1970-01-01..2050-12-31');
    },
  );

  it('refuses a search for an open day that runs past the data', () => {
    expect(() => nextOpenDay('2050-12-31')).toThrow(HolidayDataRangeError);
  });

  it.each(['1970-01-01', '2050-12-30'])('answers on the edge %s', (date) => {
    expect(isClosedDay(date)).toBe(true);
  });
});

describe('nextOpenDay, for any covered date', () => {
  const coveredDay = fc
    .integer({ min: 0, max: calendarDaysBetween('1970-01-01', '2050-12-20') })
    .map((offset) => addCalendarDays('1970-01-01', offset));

  it('is open, not earlier, and only closed days lie before it', () => {
    fc.assert(
      fc.property(coveredDay, (date) => {
        const open = nextOpenDay(date);
        expect(isClosedDay(open)).toBe(false);
        const gap = calendarDaysBetween(date, open);
        expect(gap).toBeGreaterThanOrEqual(0);
        for (let day = 0; day < gap; day++) expect(isClosedDay(addCalendarDays(date, day))).toBe(true);
      }),
    );
  });
});
