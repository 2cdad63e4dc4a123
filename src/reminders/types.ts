/**
 * What the reminders keep and exchange. A `Reminder` is one deadline a user asked to be reminded
 * of; each of its `sends` is one message on one day. Stored: an opaque user key, the channel and
 * the address to reach the user there, the rule (schedule), the dates and the locale — nothing else.
 */
import type { LanguageCode } from '../i18n/index.ts';
import type { IsoDate, OutboundMessage } from '../messages.ts';
import type { ScheduleId } from './schedule.ts';

/** A date a finished dialog produced, offered as a reminder (the dialog's `deadlines` hook). */
export interface ReminderDeadline {
  /** Unique within the dialog's answer (`apply-by`, `birth-notification`…): the `remind:<id>` payload. */
  id: string;
  /** What is due, as a `reminders:what.*` key. */
  what: string;
  due: IsoDate;
  schedule: ScheduleId;
}

export interface Reminder {
  /** Random and unguessable: it names the reminder in buttons and queue jobs. */
  id: string;
  /** Opaque key of the user (a hash of the channel and the channel's user key). */
  user: string;
  channel: string;
  /** How the channel reaches the user later: a LINE userId, a Bot Framework conversation reference… */
  address: string;
  /** The dialog that produced the date: the reminder's button goes back into it (`go:<dialog>`). */
  dialog: string;
  what: string;
  due: IsoDate;
  schedule: ScheduleId;
  locale: LanguageCode;
  /** Every day a reminder is sent, earliest first (fixed at creation; the backend tracks which are done). */
  sends: IsoDate[];
}

/** One send of one reminder, handed to the channel's delivery. */
export interface ReminderNotice {
  /** `<reminder id>_<send day>`: the same send retried keeps it (LINE retry key, queue job id). */
  sendId: string;
  reminderId: string;
  user: string;
  address: string;
  dialog: string;
  what: string;
  due: IsoDate;
  locale: LanguageCode;
}

/**
 * How one channel delivers a reminder. Channels register theirs on the app
 * (`app.reminders.registerDelivery`): LINE pushes, Bot Framework sends a proactive message, Direct
 * Line (the web widget) appends it to the conversation's log, the console keeps it for the next run
 * (`mailboxDelivery`).
 */
export interface ReminderDelivery {
  readonly channel: string;
  /**
   * Delivers the notice (`messages` is it rendered in the user's language, `notice.locale`). Must be idempotent for
   * one `notice.sendId`: after a crash the same send may be handed over again. Throws to have it
   * retried later.
   */
  send(notice: ReminderNotice, messages: OutboundMessage[]): Promise<void>;
}

export function sendIdOf(reminderId: string, day: IsoDate): string {
  // No colon: BullMQ refuses one in a custom job id.
  return `${reminderId}_${day}`;
}

export function noticeOf(reminder: Reminder, day: IsoDate): ReminderNotice {
  return {
    sendId: sendIdOf(reminder.id, day),
    reminderId: reminder.id,
    user: reminder.user,
    address: reminder.address,
    dialog: reminder.dialog,
    what: reminder.what,
    due: reminder.due,
    locale: reminder.locale,
  };
}
