/**
 * The reminders service: what the engine calls (offer, subscribe, list, cancel, forget, mailbox),
 * what channels plug into (`registerDelivery`), and the dispatcher that renders a due send in the
 * user's language and hands it to the channel's delivery.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Handler } from '../http/server.ts';
import { HttpError } from '../http/server.ts';
import type { LanguageCode, Translator } from '../i18n/index.ts';
import { type Logger, logKey } from '../logger.ts';
import type { DialogMessage } from '../messages.ts';
import type { ReminderBackend } from './backend.ts';
import {
  CALENDAR_PATH_PREFIX,
  type CalendarDeadline,
  calendarFile,
  calendarUrl,
  readCalendarToken,
} from './calendar-file.ts';
import {
  cancelledAllMessage,
  cancelledMessage,
  listMessage,
  noticeMessage,
  type OfferedDeadline,
  offerExpiredMessage,
  offerMessage,
  subscribedMessage,
  unavailableMessage,
} from './reminder-messages.ts';
import { reminderDates, sendInstant } from './schedule.ts';
import { noticeOf, type Reminder, type ReminderDeadline, type ReminderDelivery } from './types.ts';

/** Who a reminder is for, as the engine knows them in a turn. */
export interface ReminderUser {
  channel: string;
  userKey: string;
  /** How the channel reaches them later (`InboundEvent.replyAddress`, else the user key). */
  address: string;
}

export interface CalendarLinks {
  /** The public base URL of this server, e.g. `https://bot.example.org/`. */
  baseUrl: string;
  /** The HMAC key that signs calendar links (REMINDER_LINK_SECRET). */
  secret: string;
}

export interface RemindersOptions {
  backend: ReminderBackend;
  translator: Translator;
  clock: Clock;
  logger: Logger;
  defaultLanguage: LanguageCode;
  calendar?: CalendarLinks;
  /** Called once per send a channel's delivery took (metrics), whatever the channel. */
  onSent?(channel: string): void;
}

export interface Reminders {
  /** Adds a channel's way of delivering reminders; a channel without one is never offered any. */
  registerDelivery(delivery: ReminderDelivery): void;
  /** A delivery that keeps reminders until the user's next turn on that channel (the console). */
  mailboxDelivery(channel: string): ReminderDelivery;
  /** The offer shown under a finished dialog's answer, or nothing when there is nothing to offer. */
  offer(
    user: ReminderUser,
    dialog: string,
    deadlines: readonly ReminderDeadline[],
    language: LanguageCode,
  ): DialogMessage[];
  /** The user tapped "Remind me" for `deadline` (recomputed from their finished dialog; undefined: gone). */
  subscribe(
    user: ReminderUser,
    dialog: string,
    deadline: ReminderDeadline | undefined,
    language: LanguageCode,
  ): Promise<DialogMessage[]>;
  list(user: ReminderUser): Promise<DialogMessage[]>;
  cancel(user: ReminderUser, reminderId: string): Promise<DialogMessage[]>;
  cancelAll(user: ReminderUser): Promise<DialogMessage[]>;
  /** Unfollow, "forget me": every reminder and waiting notice of the user is deleted. */
  forget(channel: string, userKey: string): Promise<void>;
  /** Reminders kept for this user's next visit (mailbox channels only), removed as they are shown. */
  takeMailbox(user: ReminderUser): Promise<DialogMessage[]>;
  /** Starts the poller or queue worker. */
  start(): void;
  /** Hands over every send due now (the console runs it before its first turn). */
  runDue(): Promise<number>;
  /** `GET /reminders/<token>.ics` (registered by the app when calendar links are configured). */
  readonly calendarHandler: Handler;
  close(): Promise<void>;
}

/** The opaque key reminders are filed under: no raw channel user id in the reminder tables. */
export function reminderUserKey(channel: string, userKey: string): string {
  return createHash('sha256')
    .update(`madoguchi:reminders:${channel}:${userKey}`)
    .digest('base64url')
    .slice(0, 32);
}

export function createReminders(options: RemindersOptions): Reminders {
  const { backend, translator, clock, logger } = options;
  const deliveries = new Map<string, ReminderDelivery>();
  const mailboxChannels = new Set<string>();

  const languageFor = (locale: string): LanguageCode =>
    translator.has(locale) ? locale : options.defaultLanguage;

  /** A later send of the same reminder is also due: say it once, with the latest countdown. */
  function superseded(reminder: Reminder, day: string, now: Date): boolean {
    return reminder.sends.some((other) => other > day && sendInstant(other) <= now);
  }

  async function dispatch(reminder: Reminder, day: string): Promise<void> {
    const now = clock.now();
    if (superseded(reminder, day, now)) return;
    const delivery = deliveries.get(reminder.channel);
    if (!delivery) {
      logger.error(
        { reminder: reminder.id, channel: reminder.channel },
        `Reminders: no delivery for channel "${reminder.channel}" (is the channel configured?); reminder dropped`,
      );
      return;
    }
    // The language the message is rendered in, so that a delivery can lay it out (direction, labels).
    const notice = { ...noticeOf(reminder, day), locale: languageFor(reminder.locale) };
    const message = translator.renderMessage(noticeMessage(notice, clock.today()), notice.locale);
    await delivery.send(notice, [message]);
    options.onSent?.(reminder.channel);
    logger.info({ reminder: reminder.id, day, channel: reminder.channel }, 'Reminders: sent');
  }

  function calendarLink(
    dialog: string,
    deadline: ReminderDeadline,
    language: LanguageCode,
  ): string | undefined {
    if (!options.calendar) return undefined;
    const entry: CalendarDeadline = { what: deadline.what, due: deadline.due, dialog, locale: language };
    return calendarUrl(options.calendar.baseUrl, entry, options.calendar.secret);
  }

  const calendarHandler: Handler = (_req, res, url) => {
    const name = url.pathname.slice(CALENDAR_PATH_PREFIX.length);
    const token = name.endsWith('.ics') ? name.slice(0, -'.ics'.length) : '';
    const deadline = options.calendar && readCalendarToken(token, options.calendar.secret);
    if (!deadline || !translator.has(deadline.locale)) throw new HttpError(404, 'not found');
    const body = calendarFile(deadline, translator);
    res.writeHead(200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="${deadline.dialog}-${deadline.due}.ics"`,
      'content-length': Buffer.byteLength(body),
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  };

  const userOf = (user: ReminderUser) => reminderUserKey(user.channel, user.userKey);

  return {
    registerDelivery(delivery) {
      deliveries.set(delivery.channel, delivery);
    },

    mailboxDelivery(channel) {
      mailboxChannels.add(channel);
      return { channel, send: (notice) => backend.mailboxPut(notice) };
    },

    offer(user, dialog, deadlines, language) {
      const canRemind = deliveries.has(user.channel);
      const offered: OfferedDeadline[] = deadlines.map((deadline) => {
        const url = calendarLink(dialog, deadline, language);
        return {
          deadline,
          remindable: canRemind && reminderDates(deadline.schedule, deadline.due, clock.now()).length > 0,
          ...(url ? { calendarUrl: url } : {}),
        };
      });
      const message = offerMessage(offered);
      return message ? [message] : [];
    },

    async subscribe(user, dialog, deadline, language) {
      if (!deliveries.has(user.channel)) return [unavailableMessage()];
      const sends = deadline ? reminderDates(deadline.schedule, deadline.due, clock.now()) : [];
      if (!deadline || sends.length === 0) return [offerExpiredMessage()];
      const owner = userOf(user);
      // Tapping the same button twice does not remind twice.
      const existing = (await backend.list(owner)).find(
        (reminder) =>
          reminder.dialog === dialog && reminder.what === deadline.what && reminder.due === deadline.due,
      );
      if (existing) return [subscribedMessage(existing)];
      const reminder: Reminder = {
        id: randomUUID(),
        user: owner,
        channel: user.channel,
        address: user.address,
        dialog,
        what: deadline.what,
        due: deadline.due,
        schedule: deadline.schedule,
        locale: language,
        sends,
      };
      await backend.add(reminder);
      logger.info(
        { user: logKey(`${user.channel}:${user.userKey}`), reminder: reminder.id, sends },
        'Reminders: scheduled',
      );
      return [subscribedMessage(reminder)];
    },

    async list(user) {
      if (!deliveries.has(user.channel)) return [unavailableMessage()];
      return [listMessage(await backend.list(userOf(user)))];
    },

    async cancel(user, reminderId) {
      const cancelled = await backend.cancel(userOf(user), reminderId);
      return [cancelledMessage(cancelled), listMessage(await backend.list(userOf(user)))];
    },

    async cancelAll(user) {
      return [cancelledAllMessage(await backend.cancelAll(userOf(user)))];
    },

    async forget(channel, userKey) {
      await backend.cancelAll(reminderUserKey(channel, userKey));
    },

    async takeMailbox(user) {
      if (!mailboxChannels.has(user.channel)) return [];
      const notices = await backend.mailboxTake(userOf(user));
      return notices.map((notice) => noticeMessage(notice, clock.today()));
    },

    start() {
      backend.start(dispatch);
    },

    runDue: () => backend.runDue(),
    calendarHandler,
    close: () => backend.close(),
  };
}
