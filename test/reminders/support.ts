/** A clock tests move by hand, a delivery that records what it was given, and a reminders service on SQLite. */
import { tokyoDateOf } from '../../src/clock.ts';
import { createTranslator, type Translator } from '../../src/i18n/index.ts';
import type { OutboundMessage } from '../../src/messages.ts';
import {
  type CalendarLinks,
  createReminders,
  type ReminderBackend,
  type ReminderDelivery,
  type ReminderNotice,
  SqliteReminderBackend,
} from '../../src/reminders/index.ts';
import { silentLogger } from '../support/harness.ts';

export function movableClock(start: string) {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    today: () => tokyoDateOf(current),
    set(instant: string) {
      current = new Date(instant);
    },
  };
}

export function recordingDelivery(channel: string) {
  const sent: Array<{ notice: ReminderNotice; messages: OutboundMessage[] }> = [];
  const delivery: ReminderDelivery = {
    channel,
    async send(notice, messages) {
      sent.push({ notice, messages });
    },
  };
  return { delivery, sent };
}

let sharedTranslator: Translator | undefined;
export const translator = () => (sharedTranslator ??= createTranslator());

export function sqliteBackend(clock: { now(): Date }, path = ':memory:'): ReminderBackend {
  return new SqliteReminderBackend({ path, now: () => clock.now(), logger: silentLogger() });
}

export function remindersOn(
  backend: ReminderBackend,
  clock: ReturnType<typeof movableClock>,
  calendar?: CalendarLinks,
) {
  return createReminders({
    backend,
    translator: translator(),
    clock,
    logger: silentLogger(),
    defaultLanguage: 'en',
    ...(calendar ? { calendar } : {}),
  });
}
