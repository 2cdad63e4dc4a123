/**
 * A reminder set in the web widget (Direct Line): subscribed at the end of the move-in dialog, made
 * due by moving the clock, and found once in the conversation at the next visit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { movableClock } from '../../reminders/support.ts';
import { NOW, SECRET, startDirectLineApp } from './directline-app.ts';

type Running = Awaited<ReturnType<typeof startDirectLineApp>>;
const running: Running[] = [];
afterEach(async () => {
  for (const { app } of running.splice(0)) await app.close();
});

interface LoggedActivity {
  type: string;
  text?: string;
  from: { role?: string };
  attachments?: Array<{ content: { body: Array<{ text?: string }> } }>;
}

async function call<T = { token: string; conversationId: string; watermark: string }>(
  url: string,
  token: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status).toBeLessThan(300);
  return (await response.json()) as T;
}

type ActivitySet = { activities: LoggedActivity[]; watermark: string };

/** The texts of an activity, its card's included: enough to find the reminder by its title. */
const textsOf = (activity: LoggedActivity) => [
  activity.text ?? '',
  ...(activity.attachments ?? []).flatMap((a) => a.content.body.map((element) => element.text ?? '')),
];

describe('reminders on Direct Line (the web widget)', () => {
  it('a reminder that comes due is in the conversation at the next visit, exactly once', async () => {
    const clock = movableClock(NOW);
    const started = await startDirectLineApp({ clock });
    running.push(started);
    const { app, domain } = started;
    const { token, conversationId } = await call(`${domain}/tokens/generate`, SECRET, { locale: 'en' });
    await call(`${domain}/conversations`, token, {});
    const activities = `${domain}/conversations/${conversationId}/activities`;
    // Settled on Friday 20 Nov → the move-in notification is due Friday 4 Dec; reminders 27 Nov and 3 Dec.
    for (const value of [{ choice: 'go:move-in' }, { choice: 'yes' }, { date: '2026-11-20' }]) {
      await call(activities, token, { type: 'message', value });
    }
    await call(activities, token, { type: 'message', value: { choice: 'remind:notify-by' } });
    const before = await call(activities, token);

    clock.set('2026-11-27T09:00:00+09:00');
    expect(await app.reminders.runDue()).toBe(1);
    expect(await app.reminders.runDue()).toBe(0);
    const { values } = await app.metrics.remindersSent.get();
    expect(values).toEqual([expect.objectContaining({ labels: { channel: 'directline' }, value: 1 })]);

    // The next visit: the widget resumes the conversation and reads on from where it was.
    await call(`${domain}/conversations/${conversationId}`, token);
    const visit = await call<ActivitySet>(`${activities}?watermark=${before.watermark}`, token);
    const reminders = visit.activities.filter((activity) => textsOf(activity).includes('Reminder'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ type: 'message', from: { role: 'bot' }, locale: 'en' });
    const history = await call<ActivitySet>(activities, token);
    expect(history.activities.filter((activity) => textsOf(activity).includes('Reminder'))).toHaveLength(1);
  });
});
