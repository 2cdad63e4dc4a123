import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  calendarDaysBetween,
  endOfDayPeriod,
  endOfMonthPeriod,
  parseIsoDate,
  sameDayMonthsBefore,
  todayInTokyo,
  weekday,
} from '../../src/deadlines/calendar.ts';
import { DeadlineInputError } from '../../src/deadlines/errors.ts';

describe('parseIsoDate', () => {
  it.each(['2024-02-29', '1900-01-01', '2100-12-31', '2026-12-31'])('accepts %s', (text) => {
    expect(parseIsoDate(text)).toBe(text);
  });

  it.each([
    ['2026-02-30', /does not exist/],
    ['2025-02-29', /does not exist/],
    ['2026-04-31', /does not exist/],
    ['2026-13-01', /does not exist/],
    ['2026-00-10', /does not exist/],
    ['2026-01-00', /does not exist/],
    ['1899-12-31', /outside 1900\.\.2100/],
    ['2101-01-01', /outside 1900\.\.2100/],
    ['2026-1-01', /YYYY-MM-DD/],
    ['26-01-01', /YYYY-MM-DD/],
    ['2026-01-01T00:00', /YYYY-MM-DD/],
    ['', /YYYY-MM-DD/],
  ])('rejects %s', (text, message) => {
    expect(() => parseIsoDate(text, 'birth')).toThrow(DeadlineInputError);
    expect(() => parseIsoDate(text, 'birth')).toThrow(message);
  });

  it('names the input in its message', () => {
    expect(() => parseIsoDate('2026-02-30', 'settled')).toThrow(/^settled: /);
  });
});

describe('todayInTokyo', () => {
  it.each([
    // Tokyo is UTC+9 all year: midnight in Tokyo is 15:00 UTC the day before.
    ['2026-03-01T14:59:59Z', '2026-03-01'],
    ['2026-03-01T15:00:00Z', '2026-03-02'],
    ['2026-12-31T23:00:00-05:00', '2027-01-01'],
    ['2026-07-01T00:30:00+09:00', '2026-07-01'],
  ])('%s is %s in Tokyo', (instant, date) => {
    expect(todayInTokyo(new Date(instant))).toBe(date);
  });

  it('refuses an invalid Date', () => {
    expect(() => todayInTokyo(new Date('nope'))).toThrow(DeadlineInputError);
  });
});

describe('endOfDayPeriod (Civil Code art. 140: the first day is not counted)', () => {
  it.each([
    ['2026-10-26', 14, '2026-11-09'], // the worked example in CONTENT-NOTES
    ['2026-12-25', 14, '2027-01-08'],
    ['2024-02-20', 14, '2024-03-05'], // through a leap day
    ['2025-02-20', 14, '2025-03-06'],
  ])('%s + %i days ends on %s', (event, days, end) => {
    expect(endOfDayPeriod(event, days)).toBe(end);
  });
});

describe('endOfMonthPeriod (Civil Code art. 143: calendar months, day before the corresponding date)', () => {
  it.each([
    ['2026-10-26', 1, '2026-11-26'],
    ['2026-01-31', 1, '2026-02-28'], // start 1 Feb → 1 Mar − 1 day
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-01-30', 1, '2026-02-28'], // start 31 Jan: no 31 Feb → last day of Feb
    ['2025-02-28', 1, '2025-03-31'], // start 1 Mar → 1 Apr − 1 day
    ['2026-06-30', 2, '2026-08-31'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2024-02-29', 12, '2025-02-28'], // leap day + 1 year
    ['2024-02-28', 12, '2025-02-28'], // start 29 Feb 2024: no 29 Feb 2025
    ['2023-02-28', 12, '2024-02-29'], // start 1 Mar 2023 → 1 Mar 2024 − 1 day
    ['2026-04-10', 60, '2031-04-10'],
  ])('%s + %i months ends on %s', (event, months, end) => {
    expect(endOfMonthPeriod(event, months)).toBe(end);
  });
});

describe('sameDayMonthsBefore', () => {
  it.each([
    ['2026-06-30', 3, '2026-03-30'],
    ['2026-05-31', 3, '2026-02-28'],
    ['2024-05-31', 3, '2024-02-29'],
    ['2027-01-15', 3, '2026-10-15'],
  ])('%s − %i months is %s', (date, months, earlier) => {
    expect(sameDayMonthsBefore(date, months)).toBe(earlier);
  });
});

describe('independence from the process time zone', () => {
  it.each(['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Tokyo'])(
    'computes the same dates under TZ=%s',
    (zone) => {
      const saved = process.env.TZ;
      process.env.TZ = zone; // Node re-reads TZ when it is assigned
      try {
        expect(endOfMonthPeriod('2024-02-29', 12)).toBe('2025-02-28');
        expect(endOfDayPeriod('2026-10-26', 14)).toBe('2026-11-09');
        expect(sameDayMonthsBefore('2026-05-31', 3)).toBe('2026-02-28');
        expect(todayInTokyo(new Date('2026-03-01T15:00:00Z'))).toBe('2026-03-02');
      } finally {
        process.env.TZ = saved;
      }
    },
  );
});

describe('day arithmetic', () => {
  // The reference: the same operations on TZDates at midnight in Tokyo, through date-fns.
  const tokyo = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return new TZDate(y, m - 1, d, 'Asia/Tokyo');
  };
  const iso = (date: TZDate) =>
    `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  // Far enough from 1900 and 2100 that a date 800 days away is still one parseIsoDate accepts.
  const day = fc
    .date({
      min: new Date('1903-01-01T00:00:00Z'),
      max: new Date('2097-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10));

  it('adds days, counts days between and names the weekday as date-fns does in Asia/Tokyo', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -800, max: 800 }), (date, days) => {
        const later = addCalendarDays(date, days);
        expect(later).toBe(iso(addDays(tokyo(date), days)));
        expect(calendarDaysBetween(date, later)).toBe(days);
        expect(calendarDaysBetween(date, later)).toBe(differenceInCalendarDays(tokyo(later), tokyo(date)));
        expect(weekday(date)).toBe(tokyo(date).getDay());
      }),
      { numRuns: 2_000 },
    );
  });
});
