/**
 * Is a help line open now? From the hours in `content/`, in Asia/Tokyo, with the closed days the
 * source names (weekends, national holidays, 29 Dec–3 Jan). A line with no hours in its source
 * gets no answer at all: the bot then says nothing about hours.
 */
import type { HelpCenter } from '../../content/index.ts';
import { tokyoDateOf } from '../clock.ts';
import { type ClosedDayReason, closedDayReason } from '../deadlines/index.ts';
import type { IsoDate } from '../messages.ts';

type OpeningHours = NonNullable<HelpCenter['hours']>;

export type OpeningStatus =
  | { open: true; closes: string }
  | { open: false; opens: string; on: IsoDate; today: boolean };

const CLOSED_ON: Record<ClosedDayReason, OpeningHours['closedOn'][number]> = {
  saturday: 'saturday',
  sunday: 'sunday',
  holiday: 'national-holidays',
  'year-end': 'year-end-29-dec-to-3-jan',
};

const tokyoTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Tokyo',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function isOpenDay(hours: OpeningHours, date: IsoDate): boolean {
  const reason = closedDayReason(date);
  return reason === undefined || !hours.closedOn.includes(CLOSED_ON[reason]);
}

function nextDay(date: IsoDate): IsoDate {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

export function openingStatus(hours: OpeningHours, now: Date): OpeningStatus {
  const today = tokyoDateOf(now);
  const time = tokyoTime.format(now);
  const { opens, closes } = hours.weekdays;
  if (isOpenDay(hours, today)) {
    if (time >= opens && time < closes) return { open: true, closes };
    if (time < opens) return { open: false, opens, on: today, today: true };
  }
  let day = nextDay(today);
  // The longest run of closed days (year end plus a weekend) is well under two weeks.
  for (let guard = 0; guard < 21 && !isOpenDay(hours, day); guard += 1) day = nextDay(day);
  return { open: false, opens, on: day, today: false };
}
