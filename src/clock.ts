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
  return { now: () => new Date(), today: () => tokyoDateOf(new Date()) };
}

export function fixedClock(isoDateTime: string): Clock {
  const instant = new Date(isoDateTime);
  if (Number.isNaN(instant.getTime())) throw new Error(`fixedClock(): not a date-time: ${isoDateTime}`);
  return { now: () => new Date(instant), today: () => tokyoDateOf(instant) };
}

export function clockFromConfig(config: { MADOGUCHI_NOW?: string | undefined }): Clock {
  return config.MADOGUCHI_NOW ? fixedClock(config.MADOGUCHI_NOW) : systemClock();
}
