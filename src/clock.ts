/**
 * The clock: real time, or a fixed instant (MADOGUCHI_NOW) for demos and tests. Every calendar date
 * Madoguchi reasons about is the date in Asia/Tokyo.
 */
import type { IsoDate } from './messages.ts';

export interface Clock {
  now(): Date;
  today(): IsoDate;
}

const tokyoDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Asia/Tokyo at `instant`, as YYYY-MM-DD. */
export function tokyoDateOf(instant: Date): IsoDate {
  return tokyoDate.format(instant);
}

export function systemClock(): Clock {
  // A turn asks for today several times: the date is formatted once per minute (every time zone's
  // offset is a whole number of minutes, so a date never changes within one).
  let minute = Number.NaN;
  let date = '';
  return {
    now: () => new Date(),
    today: () => {
      const now = Date.now();
      const current = Math.floor(now / 60_000);
      if (current !== minute) {
        date = tokyoDateOf(new Date(now));
        minute = current;
      }
      return date;
    },
  };
}

export function fixedClock(isoDateTime: string): Clock {
  const instant = new Date(isoDateTime);
  if (Number.isNaN(instant.getTime())) throw new Error(`fixedClock(): not a date-time: ${isoDateTime}`);
  const today = tokyoDateOf(instant);
  return { now: () => new Date(instant), today: () => today };
}

export function clockFromConfig(config: { MADOGUCHI_NOW?: string | undefined }): Clock {
  return config.MADOGUCHI_NOW ? fixedClock(config.MADOGUCHI_NOW) : systemClock();
}
