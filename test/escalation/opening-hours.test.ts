import { describe, expect, it } from 'vitest';
import { loadContent } from '../../content/index.ts';
import { openingStatus } from '../../src/escalation/opening-hours.ts';

const content = loadContent();
const hoursOf = (id: string) => {
  const hours = content.directory.helpCenters.find((center) => center.id === id)?.hours;
  if (!hours) throw new Error(`no hours for ${id}`);
  return hours;
};
const information = hoursOf('information-center'); // weekdays 8:30–17:15
const fresc = hoursOf('fresc'); // weekdays 9:00–17:00

describe('openingStatus (Asia/Tokyo)', () => {
  it.each([
    ['a weekday morning', information, '2026-11-25T10:00:00+09:00', { open: true, closes: '17:15' }],
    ['one minute before closing', information, '2026-11-25T17:14:00+09:00', { open: true, closes: '17:15' }],
    [
      'at closing time',
      information,
      '2026-11-25T17:15:00+09:00',
      { open: false, opens: '08:30', on: '2026-11-26', today: false },
    ],
    [
      'before opening',
      fresc,
      '2026-11-25T08:59:00+09:00',
      { open: false, opens: '09:00', on: '2026-11-25', today: true },
    ],
    [
      'a Saturday',
      information,
      '2026-11-28T11:00:00+09:00',
      { open: false, opens: '08:30', on: '2026-11-30', today: false },
    ],
    // Labour Thanksgiving Day, a Monday.
    [
      'a national holiday',
      fresc,
      '2026-11-23T11:00:00+09:00',
      { open: false, opens: '09:00', on: '2026-11-24', today: false },
    ],
    // 29 Dec–3 Jan closure, then 4 Jan 2027 is a Monday.
    [
      '2 January',
      information,
      '2027-01-02T10:00:00+09:00',
      { open: false, opens: '08:30', on: '2027-01-04', today: false },
    ],
    [
      'late on 28 December',
      information,
      '2026-12-28T18:00:00+09:00',
      { open: false, opens: '08:30', on: '2027-01-04', today: false },
    ],
    // 23:30 UTC on a Tuesday is 8:30 on Wednesday in Tokyo.
    [
      'a UTC instant on the previous day',
      information,
      '2026-11-24T23:30:00Z',
      { open: true, closes: '17:15' },
    ],
  ])('%s', (_name, hours, now, expected) => {
    expect(openingStatus(hours, new Date(now))).toEqual(expected);
  });
});
