/**
 * Deadline reminders: opt-in at the end of a dialog that produced a date, sent at 09:00 Tokyo time
 * on the channel the user chose, plus an `.ics` file per deadline. See the README, "Deadline reminders".
 */
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { ReminderBackend } from './backend.ts';
import { RedisReminderBackend } from './redis-backend.ts';
import { SqliteReminderBackend } from './sqlite-backend.ts';

export type { MailboxItem, ReminderBackend } from './backend.ts';
export { CALENDAR_PATH_PREFIX, calendarFile, calendarToken, readCalendarToken } from './calendar-file.ts';
export { RedisReminderBackend } from './redis-backend.ts';
export { PAYLOAD as REMINDER_PAYLOAD } from './reminder-messages.ts';
export {
  type CalendarLinks,
  createReminders,
  type Reminders,
  type ReminderUser,
  reminderUserKey,
} from './reminders.ts';
export { isScheduleId, reminderDates, SCHEDULES, type ScheduleId, sendInstant } from './schedule.ts';
export { SqliteReminderBackend } from './sqlite-backend.ts';
export type { Reminder, ReminderDeadline, ReminderDelivery, ReminderNotice } from './types.ts';

/** REDIS_URL set → the BullMQ queue shared by every instance; otherwise a table in the SQLite file. */
export function createReminderBackend(config: Config, clock: Clock, logger: Logger): ReminderBackend {
  if (config.REDIS_URL) {
    return new RedisReminderBackend({
      url: config.REDIS_URL,
      keyPrefix: config.REDIS_KEY_PREFIX,
      now: () => clock.now(),
      logger,
    });
  }
  return new SqliteReminderBackend({ path: config.DATABASE_PATH, now: () => clock.now(), logger });
}
