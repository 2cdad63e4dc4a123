/**
 * What the reminders say, as phrases (`reminders:*` keys) the engine or the sender renders in the
 * user's language. Dates go through `{{due, date}}`, so each language formats them its own way.
 */
import { calendarDaysBetween } from '../deadlines/index.ts';
import type { Button, Choice, DialogMessage, IsoDate, Phrase } from '../messages.ts';
import { phrase } from '../messages.ts';
import type { Reminder, ReminderDeadline, ReminderNotice } from './types.ts';

export const PAYLOAD = {
  remind: (deadlineId: string) => `remind:${deadlineId}`,
  list: 'reminders:list',
  cancel: (reminderId: string) => `reminders:cancel:${reminderId}`,
  cancelAll: 'reminders:cancel-all',
} as const;

/** An offered deadline: `remindable` when at least one send day is still ahead; `calendarUrl` for its `.ics`. */
export interface OfferedDeadline {
  deadline: ReminderDeadline;
  remindable: boolean;
  calendarUrl?: string;
}

/** "1. " before each item when there are several, so that the buttons can refer to them. */
function numbered(key: string, index: number, count: number, values: Phrase['values'] = {}): Phrase {
  return count > 1 ? phrase(`${key}Numbered`, { ...values, index: index + 1 }) : phrase(key, values);
}

export function offerMessage(offered: readonly OfferedDeadline[]): DialogMessage | undefined {
  if (!offered.some((item) => item.remindable || item.calendarUrl)) return undefined;
  const count = offered.length;
  const buttons: Button<Phrase>[] = offered.flatMap(({ deadline, remindable, calendarUrl }, index) => [
    ...(remindable
      ? [
          {
            kind: 'postback' as const,
            label: numbered('reminders:offer.remind', index, count),
            payload: PAYLOAD.remind(deadline.id),
          },
        ]
      : []),
    ...(calendarUrl
      ? [
          {
            kind: 'link' as const,
            label: numbered('reminders:offer.calendar', index, count),
            url: calendarUrl,
          },
        ]
      : []),
  ]);
  return {
    kind: 'card',
    title: phrase('reminders:offer.title'),
    lines: [
      phrase('reminders:offer.explain'),
      ...offered.map(({ deadline }, index) =>
        numbered('reminders:offer.line', index, count, { what: phrase(deadline.what), due: deadline.due }),
      ),
    ],
    buttons,
  };
}

export function subscribedMessage(reminder: Reminder): DialogMessage {
  return {
    kind: 'choices',
    prompt: phrase('reminders:subscribed', {
      what: phrase(reminder.what),
      due: reminder.due,
      days: reminder.sends.map((day) => phrase('reminders:day', { day })),
    }),
    choices: [{ label: phrase('reminders:list.button'), payload: PAYLOAD.list }],
  };
}

export function listMessage(reminders: readonly Reminder[]): DialogMessage {
  if (reminders.length === 0) return { kind: 'text', text: phrase('reminders:list.empty') };
  const count = reminders.length;
  const choices: Choice<Phrase>[] = reminders.map((reminder, index) => ({
    label: numbered('reminders:list.cancel', index, count),
    payload: PAYLOAD.cancel(reminder.id),
  }));
  if (count > 1) choices.push({ label: phrase('reminders:list.cancelAll'), payload: PAYLOAD.cancelAll });
  return {
    kind: 'card',
    title: phrase('reminders:list.title'),
    lines: reminders.map((reminder, index) =>
      numbered('reminders:list.item', index, count, { what: phrase(reminder.what), due: reminder.due }),
    ),
    buttons: choices.map((choice) => ({ kind: 'postback', ...choice })),
  };
}

export function cancelledMessage(cancelled: boolean): DialogMessage {
  return { kind: 'text', text: phrase(cancelled ? 'reminders:cancelled' : 'reminders:notFound') };
}

export function cancelledAllMessage(count: number): DialogMessage {
  return { kind: 'text', text: phrase('reminders:cancelledAll', { count }) };
}

/** How far the due date is from the day the reminder is read (`common:deadline.*`, as the dialogs say it). */
function countdown(due: IsoDate, today: IsoDate): Phrase {
  const daysLeft = calendarDaysBetween(today, due);
  if (daysLeft === 0) return phrase('common:deadline.today');
  if (daysLeft < 0) return phrase('common:deadline.overdue', { count: -daysLeft });
  return phrase('common:deadline.daysLeft', { count: daysLeft });
}

/** The reminder itself: what is due, by when, how long is left, and the way back into the dialog. */
export function noticeMessage(notice: ReminderNotice, today: IsoDate): DialogMessage {
  return {
    kind: 'card',
    title: phrase('reminders:notice.title'),
    lines: [
      phrase('reminders:notice.due', { what: phrase(notice.what), due: notice.due }),
      countdown(notice.due, today),
    ],
    buttons: [
      { kind: 'postback', label: phrase('reminders:notice.open'), payload: `go:${notice.dialog}` },
      { kind: 'postback', label: phrase('reminders:list.button'), payload: PAYLOAD.list },
    ],
  };
}

export function unavailableMessage(): DialogMessage {
  return { kind: 'text', text: phrase('reminders:unavailable') };
}

export function offerExpiredMessage(): DialogMessage {
  return { kind: 'text', text: phrase('reminders:offerExpired') };
}
