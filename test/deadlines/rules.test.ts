import { describe, expect, it } from 'vitest';
import {
  computeDeadline,
  DeadlineInputError,
  HolidayDataRangeError,
  isClosedDay,
  isRuleId,
  RULES,
  type RuleId,
} from '../../src/deadlines/index.ts';

describe('14-day notifications (move-in, notify-change, lost-card, return-card)', () => {
  // [event, legal last day, due (next open day), why]
  const cases: [string, string, string, string][] = [
    ['2026-10-26', '2026-11-09', '2026-11-09', 'worked example: divorce on 26 Oct → 9 Nov (a Monday)'],
    ['2025-10-26', '2025-11-09', '2025-11-10', 'same example in 2025: 9 Nov is a Sunday'],
    ['2024-10-26', '2024-11-09', '2024-11-11', 'same example in 2024: 9 Nov is a Saturday'],
    ['2026-04-19', '2026-05-03', '2026-05-07', 'Golden Week'],
    ['2026-04-22', '2026-05-06', '2026-05-07', 'substitute holiday'],
    ['2026-09-05', '2026-09-19', '2026-09-24', 'Silver Week chain'],
    ['2025-11-08', '2025-11-22', '2025-11-25', 'Saturday, Sunday holiday, Monday substitute'],
    ['2026-12-14', '2026-12-28', '2026-12-28', 'last open day of the year'],
    ['2026-12-15', '2026-12-29', '2027-01-04', 'year-end closure'],
    ['2026-12-20', '2027-01-03', '2027-01-04', 'year-end closure, last day'],
  ];
  const today = '2026-01-01';
  const rules = {
    'move-in': (event: string) => computeDeadline('move-in', { settled: event }, today),
    'notify-change': (event: string) => computeDeadline('notify-change', { changed: event }, today),
    'lost-card': (event: string) => computeDeadline('lost-card', { noticed: event }, today),
    'return-card': (event: string) => computeDeadline('return-card', { event }, today),
  };

  describe.each(Object.entries(rules))('%s', (rule, compute) => {
    it.each(cases)('event %s: legal %s, due %s (%s)', (event, legalDue, due) => {
      const result = compute(event);
      expect(result.rule).toBe(rule);
      expect(result.due).toBe(due);
      if (due === legalDue) {
        expect(result.basis).toBe('civil-code-140-143');
        expect(result).not.toHaveProperty('legalDue');
      } else {
        expect(result).toMatchObject({ basis: 'closed-day-moved', legalDue });
        expect(isClosedDay(legalDue)).toBe(true);
      }
    });
  });
});

describe('countdown from today', () => {
  it.each([
    ['2026-11-08', 1, 'upcoming'],
    ['2026-11-09', 0, 'due-today'],
    ['2026-11-10', -1, 'overdue'],
    ['2026-10-26', 14, 'upcoming'],
    ['2027-11-09', -365, 'overdue'],
  ] as const)('today %s: %i days left, %s', (today, daysLeft, status) => {
    const result = computeDeadline('notify-change', { changed: '2026-10-26' }, today);
    expect(result).toMatchObject({ due: '2026-11-09', daysLeft, status, today });
  });

  it('counts down to the moved date, not the legal one', () => {
    const result = computeDeadline('move-in', { settled: '2026-04-19' }, '2026-05-03');
    expect(result).toMatchObject({
      legalDue: '2026-05-03',
      due: '2026-05-07',
      daysLeft: 4,
      status: 'upcoming',
    });
  });

  it('refuses an impossible today', () => {
    expect(() => computeDeadline('move-in', { settled: '2026-04-19' }, '2026-02-30')).toThrow(/^today: /);
  });
});

describe('lost-card', () => {
  it('counts from the re-entry day when the loss was noticed abroad', () => {
    const result = computeDeadline(
      'lost-card',
      { noticed: '2026-07-01', abroad: true, reentered: '2026-08-20' },
      '2026-08-20',
    );
    expect(result).toMatchObject({ countedFrom: '2026-08-20', due: '2026-09-03', daysLeft: 14 });
  });

  it.each([
    [{ noticed: '2026-07-01', abroad: true }, /reentered: required/],
    [{ noticed: '2026-07-01', reentered: '2026-08-20' }, /only meaningful when .* abroad/],
    [{ noticed: '2026-07-01', abroad: true, reentered: '2026-06-30' }, /before the day the loss was noticed/],
    [
      { noticed: '2026-07-01', abroad: true, reentered: '2026-06-31' },
      /reentered: 2026-06-31 does not exist/,
    ],
  ])('refuses %o', (input, message) => {
    expect(() => computeDeadline('lost-card', input, '2026-08-20')).toThrow(DeadlineInputError);
    expect(() => computeDeadline('lost-card', input, '2026-08-20')).toThrow(message);
  });
});

describe('return-card on final departure', () => {
  it('is surrendered at the port on departure day, even a closed day', () => {
    const result = computeDeadline(
      'return-card',
      { event: '2026-05-03', finalDeparture: true },
      '2026-05-01',
    );
    expect(result).toEqual({
      rule: 'return-card',
      today: '2026-05-01',
      outcome: 'surrender-at-port',
      due: '2026-05-03',
      basis: 'surrender-at-port',
      daysLeft: 2,
      status: 'upcoming',
    });
  });

  it('otherwise runs 14 days', () => {
    const result = computeDeadline('return-card', { event: '2026-05-03' }, '2026-05-01');
    expect(result).toMatchObject({
      outcome: 'return-within-14-days',
      due: '2026-05-18',
      legalDue: '2026-05-17',
    });
  });
});

describe('newborn', () => {
  it.each([
    // [birth, status application due, its legal date, 60th day, birth notification due, its legal date]
    ['2026-04-20', '2026-05-20', undefined, '2026-06-19', '2026-05-07', '2026-05-03'],
    ['2026-03-04', '2026-04-03', undefined, '2026-05-03', '2026-03-17', undefined],
    ['2026-12-01', '2027-01-04', '2026-12-31', '2027-01-30', '2026-12-14', undefined],
    ['2026-12-03', '2027-01-04', '2027-01-02', '2027-02-01', '2026-12-16', undefined],
    ['2026-12-17', '2027-01-18', '2027-01-16', '2027-02-15', '2027-01-04', '2026-12-30'],
  ])(
    'born %s: apply by %s, 60 days end %s…',
    (birth, due, legalDue, sixtiethDay, noticeDue, noticeLegalDue) => {
      const result = computeDeadline('newborn', { birth }, '2026-04-01');
      expect(result.due).toBe(due);
      expect(result.legalDue).toBe(legalDue);
      expect(result.stayWithoutStatus).toMatchObject({ until: sixtiethDay, basis: 'validity-not-moved' });
      expect(result.birthNotification.due).toBe(noticeDue);
      expect(result.birthNotification.legalDue).toBe(noticeLegalDue);
      expect(result.birthNotification.basis).toBe(
        noticeLegalDue ? 'closed-day-moved' : 'family-register-birth',
      );
    },
  );
});

describe('extend-stay', () => {
  it.each([
    // [expiry, stay months, early window, applyFrom, specialPeriodEnd]
    ['2026-06-30', 12, 'from-about-3-months-before', '2026-03-30', '2026-08-31'],
    ['2026-05-31', 60, 'from-about-3-months-before', '2026-02-28', '2026-07-31'],
    ['2026-12-31', 6, 'from-about-3-months-before', '2026-09-30', '2027-02-28'],
    ['2026-06-30', 4, 'none', undefined, '2026-08-31'],
    ['2026-06-30', 0, 'none', undefined, undefined],
    ['2026-06-30', undefined, 'if-stay-of-6-months-or-more', '2026-03-30', '2026-08-31'],
  ])(
    'expiry %s, %s months: %s, from %s, special period to %s',
    (expiry, stayMonths, earlyWindow, applyFrom, end) => {
      const result = computeDeadline('extend-stay', { expiry, stayMonths }, '2026-01-01');
      expect(result).toMatchObject({ applyBy: expiry, basis: 'validity-not-moved', earlyWindow });
      expect(result.applyFrom).toBe(applyFrom);
      expect(result.specialPeriodEnd).toBe(end);
    },
  );

  it('never moves the expiry, but says the last open day before it', () => {
    const result = computeDeadline('extend-stay', { expiry: '2026-05-03', stayMonths: 12 }, '2026-05-03');
    expect(result).toMatchObject({
      applyBy: '2026-05-03',
      lastOpenDayToApply: '2026-05-01',
      daysLeft: 0,
      status: 'due-today',
    });
    expect(result).not.toHaveProperty('legalDue');
  });

  it('is overdue the day after expiry', () => {
    const result = computeDeadline('extend-stay', { expiry: '2026-05-03' }, '2026-05-04');
    expect(result).toMatchObject({ daysLeft: -1, status: 'overdue' });
  });

  it.each([-1, 1.5, Number.NaN])('refuses stayMonths %s', (stayMonths) => {
    expect(() => computeDeadline('extend-stay', { expiry: '2026-05-03', stayMonths }, '2026-05-01')).toThrow(
      DeadlineInputError,
    );
  });
});

describe('reentry', () => {
  it.each([
    // [departure, expiry, returnBy, limit, permitReturnBy, limit]
    ['2026-04-10', '2029-04-09', '2027-04-10', 'one-year', '2029-04-09', 'period-of-stay'],
    ['2026-04-10', '2026-09-30', '2026-09-30', 'period-of-stay', '2026-09-30', 'period-of-stay'],
    ['2026-04-10', '2032-01-01', '2027-04-10', 'one-year', '2031-04-10', 'five-years'],
    ['2024-02-29', '2030-01-01', '2025-02-28', 'one-year', '2029-02-28', 'five-years'], // leap day + 1 year
    ['2026-05-03', '2028-01-01', '2027-05-03', 'one-year', '2028-01-01', 'period-of-stay'], // a holiday: not moved
  ])(
    'leaving %s with a stay to %s: back by %s (%s), with a permit by %s (%s)',
    (departure, expiry, returnBy, returnByLimit, permitReturnBy, permitReturnByLimit) => {
      const result = computeDeadline('reentry', { departure, expiry }, '2026-01-01');
      expect(result).toMatchObject({
        returnBy,
        returnByLimit,
        permitReturnBy,
        permitReturnByLimit,
        basis: 'validity-not-moved',
      });
      expect(result).not.toHaveProperty('verdict');
    },
  );

  it.each([
    ['2027-04-10', 'special-reentry-suffices'],
    ['2027-04-11', 'permit-needed'],
    ['2029-04-09', 'permit-needed'],
    ['2029-04-10', 'beyond-permit-limit'],
  ])('planned return %s → %s', (plannedReturn, verdict) => {
    const input = { departure: '2026-04-10', expiry: '2029-04-09', plannedReturn };
    expect(computeDeadline('reentry', input, '2026-01-01')).toMatchObject({ plannedReturn, verdict });
  });

  it.each([
    [
      { departure: '2026-10-01', expiry: '2026-09-30' },
      /departure: 2026-10-01 is after the period of stay ends/,
    ],
    [{ departure: '2026-04-10', expiry: '2029-04-09', plannedReturn: '2026-04-09' }, /before the departure/],
  ])('refuses %o', (input, message) => {
    expect(() => computeDeadline('reentry', input, '2026-01-01')).toThrow(message);
  });

  it('needs no holiday data: validity ends far beyond it are fine', () => {
    const result = computeDeadline(
      'reentry',
      { departure: '2049-06-01', expiry: '2054-06-01' },
      '2049-01-01',
    );
    expect(result).toMatchObject({ returnBy: '2050-06-01', permitReturnBy: '2054-06-01' });
  });
});

describe('validity periods are never moved to an open day', () => {
  const sunday = '2026-05-03';
  it.each([
    ['extend-stay applyBy', () => computeDeadline('extend-stay', { expiry: sunday }, '2026-01-01').applyBy],
    [
      'special re-entry returnBy',
      () =>
        computeDeadline('reentry', { departure: '2025-05-03', expiry: '2027-01-01' }, '2026-01-01').returnBy,
    ],
    [
      're-entry permit returnBy',
      () =>
        computeDeadline('reentry', { departure: '2025-05-03', expiry: sunday }, '2026-01-01').permitReturnBy,
    ],
    [
      "newborn's 60 days",
      () => computeDeadline('newborn', { birth: '2026-03-04' }, '2026-01-01').stayWithoutStatus.until,
    ],
  ])('%s stays on the closed day', (_what, date) => {
    expect(isClosedDay(sunday)).toBe(true);
    expect(date()).toBe(sunday);
  });
});

describe('holiday data limits', () => {
  it('a filing deadline past the data throws, naming the range', () => {
    expect(() => computeDeadline('move-in', { settled: '2050-12-20' }, '2050-12-20')).toThrow(
      HolidayDataRangeError,
    );
    expect(() => computeDeadline('move-in', { settled: '2050-12-20' }, '2050-12-20')).toThrow(
      '1970-01-01..2050-12-31',
    );
  });

  it('a filing deadline before the data throws', () => {
    expect(() => computeDeadline('notify-change', { changed: '1969-12-01' }, '1970-01-01')).toThrow(
      HolidayDataRangeError,
    );
  });
});

describe('RULES registry', () => {
  const ids = Object.keys(RULES) as RuleId[];

  it('lists the seven rules, each under its own id', () => {
    expect(ids).toEqual([
      'move-in',
      'lost-card',
      'return-card',
      'notify-change',
      'newborn',
      'extend-stay',
      'reentry',
    ]);
    for (const id of ids) expect(RULES[id].id).toBe(id);
  });

  it.each(ids)('%s: inputs have distinct names and flags, none called "today"', (id) => {
    const inputs = RULES[id].inputs;
    expect(new Set(inputs.map((input) => input.name)).size).toBe(inputs.length);
    expect(new Set(inputs.map((input) => input.flag)).size).toBe(inputs.length);
    expect(inputs.map((input) => input.flag)).not.toContain('today');
    expect(RULES[id].sources.length).toBeGreaterThan(0);
  });

  it.each(ids)('%s computes from its required date inputs alone', (id) => {
    const input = Object.fromEntries(
      RULES[id].inputs.filter((spec) => spec.required).map((spec) => [spec.name, '2026-06-01']),
    );
    expect(computeDeadline(id, input as never, '2026-05-01').rule).toBe(id);
  });

  it('tells rule ids from other strings', () => {
    expect(isRuleId('move-in')).toBe(true);
    expect(isRuleId('toString')).toBe(false);
    expect(isRuleId('moving')).toBe(false);
  });
});
