/**
 * Reminders from the user's side, on the embedded SQLite backend with a clock moved by hand:
 * the offer after a dialog, scheduling, the reminder sent at 09:00 Tokyo, listing, cancelling,
 * "forget me" and unfollow, and a restart while sends came due.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALOGS } from '../../dialogs/index.ts';
import { createHandoff } from '../../src/escalation/handoff.ts';
import { type Reminders, reminderUserKey } from '../../src/reminders/index.ts';
import { createHarness } from '../support/harness.ts';
import { content } from '../support/transcript.ts';
import { movableClock, recordingDelivery, remindersOn, sqliteBackend } from './support.ts';

// A Wednesday. Settled on Friday 20 Nov → move-in notification due Friday 4 Dec (14 days, art. 140).
const NOW = '2026-11-25T10:00:00+09:00';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function setUp(options: { path?: string } = {}) {
  const clock = movableClock(NOW);
  const backend = sqliteBackend(clock, options.path);
  const reminders = remindersOn(backend, clock);
  const { delivery, sent } = recordingDelivery('test');
  reminders.registerDelivery(delivery);
  const harness = createHarness({
    dialogs: [...DIALOGS],
    content,
    handoff: createHandoff(content),
    reminders,
    now: NOW,
  });
  closers.push(() => harness.app.close());
  return { ...harness, clock, backend, reminders, sent };
}

async function finishMoveIn(send: ReturnType<typeof setUp>['send']) {
  await send({ choice: 'go:move-in' });
  await send({ choice: 'yes' });
  return send({ date: '2026-11-20' });
}

async function subscribedReminderId(reminders: Reminders) {
  const [list] = await reminders.list({ channel: 'test', userKey: 'user-1', address: 'user-1' });
  const cancel = list?.kind === 'card' ? list.buttons.find((b) => b.kind === 'postback') : undefined;
  return cancel?.kind === 'postback' ? cancel.payload.slice('reminders:cancel:'.length) : undefined;
}

describe('reminders in a conversation', () => {
  it('offers a reminder after a dialog that produced a date, then sends it at 09:00 Tokyo 7 days and 1 day before', async () => {
    const { send, clock, reminders, sent } = setUp();
    const done = await finishMoveIn(send);
    expect(done.keys).toContain('reminders:offer.title');
    expect(done.payloads).toContain('remind:notify-by');

    const confirmed = await send({ choice: 'remind:notify-by' });
    expect(confirmed.keys).toContain('reminders:subscribed');
    const confirmation = JSON.stringify(confirmed.messages);
    expect(confirmation).toContain('Friday, November 27, 2026');
    expect(confirmation).toContain('Thursday, December 3, 2026');

    expect(await reminders.runDue()).toBe(0);
    clock.set('2026-11-27T08:59:59+09:00');
    expect(await reminders.runDue()).toBe(0);
    clock.set('2026-11-27T09:00:00+09:00');
    expect(await reminders.runDue()).toBe(1);
    expect(await reminders.runDue()).toBe(0);
    const [first] = sent;
    expect(first?.notice).toMatchObject({
      due: '2026-12-04',
      dialog: 'move-in',
      locale: 'en',
      address: 'user-1',
    });
    expect(first?.notice.sendId).toMatch(/_2026-11-27$/);
    expect(first?.messages[0]).toMatchObject({ kind: 'card', title: 'Reminder' });
    const card = first?.messages[0];
    expect(
      card?.kind === 'card' && card.buttons.map((b) => (b.kind === 'postback' ? b.payload : '')),
    ).toEqual(['go:move-in', 'reminders:list']);
    expect(card?.kind === 'card' && card.lines[1]).toBe('7 days left.');

    clock.set('2026-12-03T09:00:00+09:00');
    expect(await reminders.runDue()).toBe(1);
    expect(sent.map((s) => s.notice.sendId.slice(-10))).toEqual(['2026-11-27', '2026-12-03']);
    // The last send done, nothing is kept.
    expect((await send('my reminders')).keys).toContain('reminders:list.empty');
  });

  it('tapping "Remind me" twice schedules one reminder', async () => {
    const { send, backend } = setUp();
    await finishMoveIn(send);
    await send({ choice: 'remind:notify-by' });
    await send({ choice: 'remind:notify-by' });
    expect(await backend.list(reminderUserKey('test', 'user-1'))).toHaveLength(1);
  });

  it('an offer whose dialog is gone is refused with a way forward', async () => {
    const { send } = setUp();
    await finishMoveIn(send);
    await send({ choice: 'cmd:menu' });
    expect((await send({ choice: 'remind:notify-by' })).keys).toEqual(['reminders:offerExpired']);
  });

  it('lists reminders on a typed command and cancels one from its button: nothing is sent', async () => {
    const { send, clock, reminders, sent } = setUp();
    await finishMoveIn(send);
    await send({ choice: 'remind:notify-by' });
    const listed = await send('my reminders');
    expect(listed.keys).toContain('reminders:list.title');
    const id = await subscribedReminderId(reminders);
    expect(listed.payloads).toContain(`reminders:cancel:${id}`);

    const cancelled = await send({ choice: `reminders:cancel:${id}` });
    expect(cancelled.keys).toEqual(['reminders:cancelled', 'reminders:list.empty']);
    clock.set('2026-12-03T09:00:00+09:00');
    expect(await reminders.runDue()).toBe(0);
    expect(sent).toEqual([]);
  });

  it('"cancel all reminders", "forget me" and unfollow each cancel every reminder', async () => {
    for (const input of ['cancel all reminders', 'forget me', { unfollow: true } as const]) {
      const { send, backend } = setUp();
      await finishMoveIn(send);
      await send({ choice: 'remind:notify-by' });
      expect(await backend.list(reminderUserKey('test', 'user-1'))).toHaveLength(1);
      await send(input);
      expect(await backend.list(reminderUserKey('test', 'user-1'))).toEqual([]);
    }
  });

  it('a channel without a delivery is offered no reminder (the offer is for channels that can reach the user)', async () => {
    const { send } = setUp();
    await send({ choice: 'go:move-in' }, { channel: 'elsewhere' });
    await send({ choice: 'yes' }, { channel: 'elsewhere' });
    const done = await send({ date: '2026-11-20' }, { channel: 'elsewhere' });
    expect(done.keys).not.toContain('reminders:offer.title');
    expect((await send('my reminders', { channel: 'elsewhere' })).keys).toEqual(['reminders:unavailable']);
  });

  it('a restart while both sends came due: on recovery the reminder is sent once, the latest, then never again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-reminders-'));
    closers.push(async () => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'madoguchi.db');
    const before = setUp({ path });
    await finishMoveIn(before.send);
    await before.send({ choice: 'remind:notify-by' });
    await before.app.close();

    // Down from 25 Nov to the morning of 3 Dec: both 27 Nov and 3 Dec have passed.
    const clock = movableClock('2026-12-03T11:00:00+09:00');
    const reopened = remindersOn(sqliteBackend(clock, path), clock);
    closers.push(() => reopened.close());
    const { delivery, sent } = recordingDelivery('test');
    reopened.registerDelivery(delivery);
    reopened.start();
    await reopened.runDue();
    expect(await reopened.runDue()).toBe(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.notice.sendId).toMatch(/_2026-12-03$/);
    expect(sent[0]?.messages[0]?.kind === 'card' && sent[0].messages[0].lines[1]).toBe('1 day left.');
  });
});
