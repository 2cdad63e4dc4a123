/**
 * Reminders on LINE: a push to the user id the reminder was set from. The push's
 * `X-Line-Retry-Key` derives from the send's id, so a send handed over again (a retry, a crash
 * between the push and the queue's acknowledgement, a second instance) is accepted by LINE once:
 * the repeat gets 409, which the sender counts as delivered.
 * https://developers.line.biz/en/docs/messaging-api/retrying-api-request/
 */
import { languageOf, type Translator } from '../../i18n/index.ts';
import { phrase } from '../../messages.ts';
import type { ReminderDelivery } from '../../reminders/index.ts';
import { renderTurn } from './render.ts';
import type { LineSender } from './sender.ts';
import { LINE_CHANNEL_NAME } from './webhook.ts';

/** The retry keys' namespace for reminders, apart from webhook events' (`retryKeyFor(eventId, part)`). */
export const reminderRetryEventId = (sendId: string) => `reminder:${sendId}`;

export function createLineReminderDelivery(sender: LineSender, translator: Translator): ReminderDelivery {
  return {
    channel: LINE_CHANNEL_NAME,
    async send(notice, messages) {
      const language = translator.has(notice.locale) ? notice.locale : 'en';
      const lineMessages = renderTurn(messages, {
        dir: languageOf(language).dir,
        datePickerLabel: translator.render(phrase('common:date.pickPrompt'), language),
      });
      // Parts LINE could not take now (down, rate-limited) make the send fail, so the queue
      // retries it; the retry keys keep LINE from showing a part twice. A push LINE refused for
      // good (e.g. the user blocked the account) would be refused again: it is not retried.
      const pending = await sender.deliver(
        { to: notice.address, eventId: reminderRetryEventId(notice.sendId) },
        lineMessages,
      );
      if (pending.length > 0) {
        throw new Error(
          'LineReminderDelivery: LINE could not take the push now; the reminder will be retried',
        );
      }
    },
  };
}
