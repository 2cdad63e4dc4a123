import { describe, expect, it } from 'vitest';
import { reminderDates, sendInstant } from '../../src/reminders/index.ts';

const at = (instant: string) => new Date(instant);

describe('reminder schedules', () => {
  it('period of stay: about 3 months, 1 month, 2 weeks and 1 week before the expiry', () => {
    expect(reminderDates('period-of-stay', '2027-06-30', at('2026-11-25T10:00:00+09:00'))).toEqual([
      '2027-03-30',
      '2027-05-30',
      '2027-06-16',
      '2027-06-23',
    ]);
  });

  it('14-day notifications: 7 days and 1 day before; a day whose 09:00 has passed is skipped', () => {
    expect(reminderDates('notification', '2026-12-04', at('2026-11-25T10:00:00+09:00'))).toEqual([
      '2026-11-27',
      '2026-12-03',
    ]);
    expect(reminderDates('notification', '2026-12-04', at('2026-11-27T09:00:00+09:00'))).toEqual([
      '2026-12-03',
    ]);
    expect(reminderDates('notification', '2026-12-04', at('2026-12-03T09:00:00+09:00'))).toEqual([]);
  });

  it('re-entry and a newborn leaving: 1 month and 1 week; 2 weeks and 3 days', () => {
    const now = at('2026-01-01T00:00:00+09:00');
    expect(reminderDates('return-by', '2026-08-31', now)).toEqual(['2026-07-31', '2026-08-24']);
    expect(reminderDates('leave-by', '2026-03-01', now)).toEqual(['2026-02-15', '2026-02-26']);
  });

  it('sends at 09:00 Asia/Tokyo, i.e. 00:00 UTC, whatever the process time zone', () => {
    expect(sendInstant('2026-11-27').toISOString()).toBe('2026-11-27T00:00:00.000Z');
  });
});
