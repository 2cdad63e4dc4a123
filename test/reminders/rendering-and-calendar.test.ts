/** A reminder rendered in English, French and Japanese; the `.ics` file parsed back; its signed link. */
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { fixedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import type { LanguageCode } from '../../src/i18n/index.ts';
import { calendarFile, calendarToken, readCalendarToken } from '../../src/reminders/index.ts';
import { noticeMessage } from '../../src/reminders/reminder-messages.ts';
import { silentLogger } from '../support/harness.ts';
import { translator } from './support.ts';

const notice = {
  sendId: 'r1_2026-11-27',
  reminderId: 'r1',
  user: 'opaque',
  address: 'U1',
  dialog: 'extend-stay',
  what: 'reminders:what.extendStay',
  due: '2027-03-01',
  locale: 'en' as LanguageCode,
};
const SECRET = 'a-test-secret-of-at-least-32-characters!';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('a reminder in three languages', () => {
  it.each([
    ['en', ['Reminder', 'Apply to extend your period of stay: by Monday, March 1, 2027.', '94 days left.']],
    [
      'fr',
      [
        'Rappel',
        'Demander la prolongation de votre durée de séjour : au plus tard le lundi 1 mars 2027.',
        'Il reste 94 jours.',
      ],
    ],
    ['ja', ['リマインダー', '在留期間更新許可申請：2027年3月1日月曜日まで。', 'あと94日です。']],
  ] as const)(
    '%s: what is due, by when, how long is left, and the way back into the dialog',
    (language, [title, due, left]) => {
      const rendered = translator().renderMessage(noticeMessage(notice, '2026-11-27'), language);
      expect(rendered).toMatchObject({ kind: 'card', title, lines: [due, left] });
      expect(rendered.kind === 'card' && rendered.buttons[0]).toMatchObject({
        kind: 'postback',
        payload: 'go:extend-stay',
      });
    },
  );
});

describe('the .ics calendar file', () => {
  const deadline = {
    what: 'reminders:what.moveIn',
    due: '2026-12-04',
    dialog: 'move-in',
    locale: 'fr' as LanguageCode,
  };

  it('is valid iCalendar: an all-day event on the due date, titled in the user language, with alarms', () => {
    const calendar = new ICAL.Component(ICAL.parse(calendarFile(deadline, translator())));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent') as ICAL.Component);
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2026-12-04');
    expect(event.endDate.toString()).toBe('2026-12-05');
    expect(event.summary).toBe('Déclarer votre lieu de résidence à la mairie');
    expect(event.uid).toBeTruthy();
    const alarms = event.component.getAllSubcomponents('valarm');
    expect(alarms.map((alarm) => String(alarm.getFirstPropertyValue('trigger')))).toEqual([
      '-P6DT15H',
      '-PT15H',
    ]);
  });

  it('is linked with a signed token: a tampered token is refused', () => {
    const token = calendarToken(deadline, SECRET);
    expect(readCalendarToken(token, SECRET)).toEqual(deadline);
    const [body, mac] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify([deadline.what, '2030-01-01', deadline.dialog, 'fr'])).toString(
      'base64url',
    );
    expect(readCalendarToken(`${forged}.${mac}`, SECRET)).toBeUndefined();
    expect(readCalendarToken(`${body}.${mac}`, 'another-secret-of-at-least-32-characters')).toBeUndefined();
  });

  it('GET /reminders/<token>.ics serves it; an unknown token is 404', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_PATH: ':memory:',
      PUBLIC_BASE_URL: 'https://bot.example.org/',
      REMINDER_LINK_SECRET: SECRET,
    });
    const served = createApp({
      config,
      content: {},
      dialogs: [],
      handoff: () => [],
      clock: fixedClock('2026-11-25T10:00:00+09:00'),
      translator: translator(),
      logger: silentLogger(),
    });
    closers.push(() => served.close());
    const port = await served.http.listen(0, '127.0.0.1');
    const ok = await fetch(`http://127.0.0.1:${port}/reminders/${calendarToken(deadline, SECRET)}.ics`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await ok.text()).toContain('DTSTART;VALUE=DATE:20261204');
    const bad = await fetch(`http://127.0.0.1:${port}/reminders/nope.ics`);
    expect(bad.status).toBe(404);
  });
});
