import { describe, expect, it } from 'vitest';
import { fixtureEvent, lineAppPerTest, recordLineApi, USER_ID } from '../channels/line/line-app.ts';

const start = lineAppPerTest({ channel: { loadingDelayMs: 60_000 } });

describe('GET /metrics', () => {
  it('counts what happened, in Prometheus text format, with no user data', async () => {
    const running = await start();
    const { deliver, app, url } = running;
    recordLineApi();
    const secretText = 'my card AB12345678CD';
    await deliver([
      fixtureEvent('postback', { webhookEventId: 'm1' }),
      fixtureEvent('text-message', {
        webhookEventId: 'm2',
        message: { type: 'text', id: 'x', text: secretText },
      }),
      fixtureEvent('text-message', {
        webhookEventId: 'm3',
        message: { type: 'text', id: 'y', text: secretText },
      }),
      fixtureEvent('group-message', { webhookEventId: 'm4' }),
    ]);
    app.metrics.remindersSent.inc({ channel: 'line' });

    const text = await (await fetch(new URL('/metrics', url))).text();
    expect(text).toContain('madoguchi_turns_total{channel="line",dialog="move-in",outcome="ok"} 1');
    expect(text).toMatch(/madoguchi_turns_by_language_total\{language="en"\} 3/);
    expect(text).toContain('madoguchi_not_understood_total{kind="fallback",language="en"} 2');
    expect(text).toContain('madoguchi_escalations_total{reason="not-understood"} 1');
    expect(text).toMatch(/madoguchi_turn_duration_seconds_count\{channel="line"\} 3/);
    expect(text).toMatch(/madoguchi_store_operation_duration_seconds_count\{operation="save"\} 3/);
    expect(text).toContain('madoguchi_webhook_events_total{channel="line",outcome="accepted"} 3');
    expect(text).toContain('madoguchi_webhook_events_total{channel="line",outcome="ignored"} 1');
    expect(text).toContain('madoguchi_reminders_sent_total{channel="line"} 1');
    expect(text).toContain('madoguchi_http_responses_total{route="/line/webhook",status="200"} 1');
    expect(text).toContain('# TYPE madoguchi_process_cpu_seconds_total counter');
    for (const secret of [USER_ID, 'AB12345678CD', 'my card']) expect(text).not.toContain(secret);
  });

  it("drops a user's messages over the per-user budget (counted), but never their unfollow", async () => {
    const running = await start();
    const { deliver, app, url, store } = running;
    const api = recordLineApi();
    // RATE_LIMIT_PER_USER_PER_MINUTE defaults to 30.
    const events = Array.from({ length: 32 }, (_, i) =>
      fixtureEvent('postback', {
        webhookEventId: `burst-${i}`,
        replyToken: `burst-${i}`,
        postback: { data: 'cmd:menu' },
      }),
    );
    expect((await deliver(events)).status).toBe(200);
    expect(api.requests.filter((request) => request.path === '/v2/bot/message/reply')).toHaveLength(30);
    await deliver([fixtureEvent('unfollow', { webhookEventId: 'bye' })]);
    expect(await store.get(`line:${USER_ID}`)).toBeUndefined();
    const text = await (await fetch(new URL('/metrics', url))).text();
    expect(text).toContain('madoguchi_rate_limited_total{limit="user"} 2');
    expect(text).toContain('madoguchi_webhook_events_total{channel="line",outcome="rate-limited"} 2');
    expect(app.perUserLimit.take('line:another-user').allowed).toBe(true);
  });
});
