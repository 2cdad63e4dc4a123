import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createTokenService,
  DIRECTLINE_OUTBOX,
  type DirectLineChannel,
} from '../../../src/channels/directline/index.ts';
import { SqliteStore } from '../../../src/store/sqlite-store.ts';
import { botActivities, type ClientActivity, connect, SECRET, startDirectLineApp } from './directline-app.ts';

type Running = Awaited<ReturnType<typeof startDirectLineApp>>;
const running: Running[] = [];
const clients: Array<{ end(): void }> = [];
async function start(options: Parameters<typeof startDirectLineApp>[0] = {}): Promise<Running> {
  const app = await startDirectLineApp(options);
  running.push(app);
  return app;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.end();
  for (const { app } of running.splice(0)) await app.close();
});

async function generateToken(domain: string, locale = 'fr') {
  const response = await fetch(`${domain}/tokens/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
    body: JSON.stringify({ locale }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { token: string; conversationId: string; expires_in: number };
}

const fromBot = (activity: ClientActivity) => activity.from.role === 'bot';
const lastBot = (activities: ClientActivity[]) => activities.filter(fromBot).at(-1);
const suggested = (activity: ClientActivity | undefined) =>
  (activity?.suggestedActions?.actions ?? []).map((action) => (action.value as { choice: string }).choice);
const cardOf = (activity: ClientActivity | undefined) =>
  activity?.attachments?.[0]?.content as
    | { body: Array<Record<string, unknown>>; actions?: unknown[] }
    | undefined;

/** Sends an activity and waits for the bot's answer to it; returns the echo and the replies. */
async function say(client: ReturnType<typeof connect>, activity: { text?: string; value?: unknown }) {
  const clientActivityID = `client-${Math.random().toString(36).slice(2)}`;
  const received = botActivities(client, (seen) => {
    const echo = seen.find((a) => a.channelData?.clientActivityID === clientActivityID);
    return echo !== undefined && seen.some((a) => fromBot(a) && a.replyToId === echo.id);
  });
  const id = await new Promise<string>((resolve, reject) =>
    client
      .postActivity({
        type: 'message',
        from: { id: 'ignored-by-the-server' },
        channelData: { clientActivityID },
        ...activity,
      } as never)
      .subscribe(resolve, reject),
  );
  const seen = await received;
  const echo = seen.find((a) => a.channelData?.clientActivityID === clientActivityID);
  return { id, echo, replies: seen.filter((a) => fromBot(a) && a.replyToId === id) };
}

const choose = (choice: string, label = choice) => ({ text: label, value: { choice } });

describe.each([
  ['WebSocket', true],
  ['polling', false],
])('Direct Line with the real client (%s)', (_name, webSocket) => {
  it('greets in the page language and walks the lost-card dialog, echoing the user with id and clientActivityID', async () => {
    const { domain } = await start();
    const { token, conversationId } = await generateToken(domain);
    const client = connect(domain, { token, webSocket });
    clients.push(client);
    const greeting = lastBot(await botActivities(client, (seen) => seen.some(fromBot)));
    expect(greeting?.locale).toBe('fr-FR');
    expect(greeting?.conversation?.id).toBe(conversationId);
    expect(suggested(greeting)).toContain('menu:card');

    const cause = await say(client, choose('go:lost-card', 'Perte de la carte'));
    expect(cause.echo?.id).toBe(cause.id);
    expect(cause.echo?.text).toBe('Perte de la carte');
    expect(cause.echo?.from.role).toBe('user');
    expect(suggested(cause.replies.at(-1)).slice(0, 3)).toEqual(['lost', 'stolen', 'disaster']);

    const noticed = await say(client, choose('lost'));
    const dateCard = cardOf(noticed.replies.at(-1));
    expect(dateCard?.body).toContainEqual(
      expect.objectContaining({ type: 'Input.Date', id: 'date', max: '2026-11-25' }),
    );

    const abroad = await say(client, { value: { date: '2026-11-20' } });
    expect(suggested(abroad.replies.at(-1)).slice(0, 2)).toEqual(['yes', 'no']);
    await say(client, choose('no'));
    const summary = await say(client, choose('no'));
    const texts = JSON.stringify(summary.replies);
    // Civil Code art. 140: 14 days from the day after 20 Nov → 4 Dec 2026.
    expect(texts).toContain('4 décembre 2026');
  });
});

describe('Direct Line conversations', () => {
  it("switches language on the widget picker's lang: choice", async () => {
    const { domain } = await start();
    const { token } = await generateToken(domain);
    const client = connect(domain, { token, webSocket: true });
    clients.push(client);
    await botActivities(client, (seen) => seen.some(fromBot));
    const switched = await say(client, choose('lang:ja', '日本語'));
    expect(switched.replies.length).toBeGreaterThan(0);
    expect(switched.replies.every((reply) => reply.locale === 'ja-JP')).toBe(true);
  });

  it('resumes after a reload (history from watermark 0) and after a server restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-dl-'));
    try {
      const options = { sessionTtlMs: 86_400_000, seenTtlMs: 86_400_000 };
      const first = await start({ store: new SqliteStore(join(dir, 'db.sqlite'), options) });
      const { token, conversationId } = await generateToken(first.domain);
      const client = connect(first.domain, { token, webSocket: true });
      clients.push(client);
      await botActivities(client, (seen) => seen.some(fromBot));
      await say(client, choose('go:lost-card', 'Perte de la carte'));
      client.end();
      await first.app.close();
      running.splice(running.indexOf(first), 1);

      const second = await start({ store: new SqliteStore(join(dir, 'db.sqlite'), options) });
      for (const webSocket of [true, false]) {
        const resumed = connect(second.domain, { token, conversationId, watermark: '0', webSocket });
        clients.push(resumed);
        const history = await botActivities(resumed, (seen) => seen.length >= 3);
        expect(history.map((a) => a.id)).toEqual([
          `${conversationId}|0000000`,
          `${conversationId}|0000001`,
          `${conversationId}|0000002`,
        ]);
        expect(history[1]?.text).toBe('Perte de la carte');
        expect(suggested(history[2]).slice(0, 3)).toEqual(['lost', 'stolen', 'disaster']);
        resumed.end();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("loses no reply to a crash between the turn's write and the append: the next start appends it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-dl-crash-'));
    const options = { sessionTtlMs: 86_400_000, seenTtlMs: 86_400_000 };
    const database = join(dir, 'db.sqlite');
    const store = new SqliteStore(database, options);
    const first = await start({ store });
    try {
      const { token, conversationId } = await generateToken(first.domain);
      const activities = `${first.domain}/conversations/${conversationId}/activities`;
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      expect((await fetch(`${first.domain}/conversations`, { method: 'POST', headers })).status).toBe(201);
      // The first instance "dies" right after the turn's write: its next append (the replies) never ends.
      const append = store.logAppend.bind(store);
      let appends = 0;
      let release = () => {};
      store.logAppend = async (log, entries) => {
        if (++appends === 2) await new Promise<void>((resolve) => (release = resolve));
        return append(log, entries);
      };
      const posted = fetch(activities, {
        method: 'POST',
        headers,
        body: JSON.stringify({ type: 'message', text: 'Perte de la carte' }),
      });
      const survivor = new SqliteStore(database, options);
      await vi.waitFor(async () =>
        expect((await survivor.inboxPending(0)).map((item) => item.channel)).toEqual([DIRECTLINE_OUTBOX]),
      );

      const second = await start({ store: survivor });
      const channel = second.app.channels.find((c) => c.name === 'directline') as DirectLineChannel;
      await channel.replayPending(0);
      const read = await fetch(`${second.domain}/conversations/${conversationId}/activities?watermark=0`, {
        headers,
      });
      const history = ((await read.json()) as { activities: ClientActivity[] }).activities;
      expect(history.map((a) => (fromBot(a) ? 'bot' : a.text))).toEqual(['bot', 'Perte de la carte', 'bot']);
      expect(history[2]?.replyToId).toBe(history[1]?.id);
      expect(await survivor.inboxPending(0)).toEqual([]);
      release();
      await posted;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ends open streams with 1001 on shutdown instead of waiting for them', async () => {
    const server = await startDirectLineApp();
    const { token, conversationId } = await generateToken(server.domain);
    const url = `${server.base.replace('http', 'ws')}/directline/conversations/${conversationId}/stream?t=${token}`;
    const socket = new WebSocket(url);
    await new Promise((resolve) => {
      socket.onopen = resolve;
    });
    const closed = new Promise<number>((resolve) => {
      socket.onclose = (event) => resolve(event.code);
    });
    await server.app.close();
    expect(await closed).toBe(1001);
  });

  it('refreshes a token for the same conversation', async () => {
    const { domain } = await start();
    const { token, conversationId } = await generateToken(domain);
    const response = await fetch(`${domain}/tokens/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const refreshed = (await response.json()) as { token: string; conversationId: string };
    expect(refreshed.conversationId).toBe(conversationId);
    const activities = await fetch(`${domain}/conversations/${conversationId}/activities`, {
      headers: { authorization: `Bearer ${refreshed.token}` },
    });
    expect(activities.status).toBe(200);
  });
});

describe('Direct Line refusals', () => {
  const get = (domain: string, conversationId: string, authorization?: string) =>
    fetch(`${domain}/conversations/${conversationId}/activities`, {
      headers: authorization ? { authorization } : {},
    });

  it('gives each client IP the shared per-IP budget (429 with Retry-After past it)', async () => {
    const { domain } = await start({ env: { RATE_LIMIT_PER_IP_PER_MINUTE: '3' } });
    const { conversationId } = await generateToken(domain);
    expect((await get(domain, conversationId, `Bearer ${SECRET}`)).status).toBe(200);
    expect((await get(domain, conversationId, `Bearer ${SECRET}`)).status).toBe(200);
    const limited = await get(domain, conversationId, `Bearer ${SECRET}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses activity bodies that are not UTF-8, not JSON, nested too deeply or not an activity (400)', async () => {
    const { domain } = await start();
    const { token, conversationId } = await generateToken(domain);
    const post = (body: Uint8Array | string) =>
      fetch(`${domain}/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
    const bodies = [
      Buffer.concat([
        Buffer.from('{"type":"message","text":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}'),
      ]),
      '{"type":"message",',
      `{"type":"message","value":${'['.repeat(100)}${']'.repeat(100)}}`,
      '{"text":"no type"}',
    ];
    for (const body of bodies) {
      const response = await post(body);
      expect(response.status).toBe(400);
    }
    const texts = await Promise.all(
      bodies.map(async (body) => ((await (await post(body)).json()) as { error: string }).error),
    );
    expect(texts).toEqual([
      'body is not UTF-8',
      'body is not JSON',
      'body is nested too deeply',
      'body is not a Bot Framework activity',
    ]);
  });

  it('generates tokens only for the secret', async () => {
    const { domain } = await start();
    const post = (authorization?: string) =>
      fetch(`${domain}/tokens/generate`, { method: 'POST', headers: authorization ? { authorization } : {} });
    expect((await post()).status).toBe(401);
    expect((await post('Bearer not-the-secret')).status).toBe(403);
    const { token } = await generateToken(domain);
    expect((await post(`Bearer ${token}`)).status).toBe(403);
  });

  it('refuses an expired token (403, which the client reads as "expired")', async () => {
    const { domain } = await start();
    const { conversationId } = await generateToken(domain);
    const issuedTwoMinutesAgo = createTokenService({
      secret: SECRET,
      ttlSeconds: 60,
      now: () => Date.now() - 120_000,
    });
    const expired = issuedTwoMinutesAgo.issue({ conv: conversationId, user: 'dl_u' }).token;
    expect((await get(domain, conversationId, `Bearer ${expired}`)).status).toBe(403);
    const fresh = createTokenService({ secret: SECRET, ttlSeconds: 60 }).issue({
      conv: conversationId,
      user: 'dl_u',
    });
    expect((await get(domain, conversationId, `Bearer ${fresh.token}`)).status).toBe(200);
  });

  it('refuses a token on another conversation, over HTTP and on the stream', async () => {
    const { domain, base } = await start();
    const mine = await generateToken(domain);
    const theirs = await generateToken(domain);
    expect((await get(domain, theirs.conversationId, `Bearer ${mine.token}`)).status).toBe(403);
    const post = await fetch(`${domain}/conversations/${theirs.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${mine.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'bonjour' }),
    });
    expect(post.status).toBe(403);
    const ws = base.replace('http', 'ws');
    const refused = await new Promise<string>((resolve) => {
      const socket = new WebSocket(
        `${ws}/directline/conversations/${theirs.conversationId}/stream?t=${mine.token}`,
      );
      socket.onopen = () => resolve('open');
      socket.onerror = () => resolve('refused');
    });
    expect(refused).toBe('refused');
  });

  it('refuses forged tokens: another key, an edited payload, no signature', async () => {
    const { domain } = await start();
    const { token, conversationId } = await generateToken(domain);
    const otherKey = createTokenService({
      secret: 'another-secret-of-at-least-32-characters',
      ttlSeconds: 600,
    });
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const victim = await generateToken(domain);
    const edited = Buffer.from(JSON.stringify({ ...claims, conv: victim.conversationId })).toString(
      'base64url',
    );
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    for (const [conversation, forged] of [
      [conversationId, otherKey.issue({ conv: conversationId, user: 'dl_u' }).token],
      [victim.conversationId, `${header}.${edited}.${signature}`],
      [conversationId, `${none}.${payload}.`],
    ] as const) {
      expect((await get(domain, conversation, `Bearer ${forged}`)).status).toBe(403);
    }
  });

  it('answers CORS only to the allowed origins and its own', async () => {
    const { domain, base } = await start({ env: { WIDGET_ALLOWED_ORIGINS: 'https://www.example.org' } });
    const preflight = (origin: string) =>
      fetch(`${domain}/conversations`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight('https://www.example.org');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.example.org');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect((await preflight(base)).headers.get('access-control-allow-origin')).toBe(base);
    expect((await preflight('https://evil.example')).status).toBe(403);
    const { token, conversationId } = await generateToken(domain);
    const reply = await fetch(`${domain}/conversations/${conversationId}/activities`, {
      headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example' },
    });
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });
});
