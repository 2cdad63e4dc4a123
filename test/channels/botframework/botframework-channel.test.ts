import { createServer, type IncomingMessage } from 'node:http';
import { clearJwksClients, MsalTokenProvider } from '@microsoft/agents-hosting';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/clock.ts';
import { movableClock } from '../../reminders/support.ts';
import {
  APP_ID,
  APP_PASSWORD,
  channelToken,
  messageActivity,
  publishEntraSigningKeys,
  publishSigningKeys,
  SERVICE_URL,
  startBotFrameworkApp,
} from './botframework-app.ts';

const CONNECTOR_TOKEN = 'connector-access-token';
type Running = Awaited<ReturnType<typeof startBotFrameworkApp>>;
let running: Running | undefined;
async function start(env: Record<string, string> = {}, clock?: Clock): Promise<Running> {
  running = await startBotFrameworkApp(env, clock);
  return running;
}
const authenticated = { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: APP_PASSWORD };

interface Posted {
  path: string;
  authorization: string | undefined;
  body: {
    type: string;
    text?: string;
    conversation?: { id: string };
    attachments?: Array<{ content: { body: Array<{ text?: string }> } }>;
    locale?: string;
    replyToId?: string;
    from?: { id: string };
    recipient?: { id: string };
    suggestedActions?: { actions: Array<{ type: string; title: string; value: string }> };
  };
}

/** The Bot Connector service at SERVICE_URL, and the Entra token endpoint our replies' token comes from. */
function mockConnector(): Posted[] {
  const posted: Posted[] = [];
  nock('https://login.microsoftonline.com')
    .post('/botframework.com/oauth2/v2.0/token')
    .query(true)
    .reply(200, {
      token_type: 'Bearer',
      expires_in: 3600,
      ext_expires_in: 3600,
      access_token: CONNECTOR_TOKEN,
    });
  nock(SERVICE_URL)
    .persist()
    .post(/\/v3\/conversations\/.+\/activities\/.+/)
    .reply(async (request: Request) => {
      posted.push(await recorded(request));
      return [200, { id: `reply-${posted.length}` }];
    });
  return posted;
}

/** nock 15 hands reply functions the fetch Request. */
async function recorded(request: Request): Promise<Posted> {
  return {
    path: new URL(request.url).pathname,
    authorization: request.headers.get('authorization') ?? undefined,
    body: (await request.json()) as Posted['body'],
  };
}

beforeEach(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});

afterEach(async () => {
  await running?.app.close();
  running = undefined;
  nock.cleanAll();
  nock.enableNetConnect();
  // The SDK caches signing keys and tokens per process.
  clearJwksClients();
  MsalTokenProvider.clearSharedCaches();
});

describe('Bot Framework channel with an app id (JWT)', () => {
  it('accepts a valid channel token and posts the French greeting to the connector with imBack choices', async () => {
    publishSigningKeys();
    const posted = mockConnector();
    const { post } = await start(authenticated);
    const joined = messageActivity({
      type: 'conversationUpdate',
      text: undefined,
      membersAdded: [{ id: '29:user-aad-id' }],
    });
    const response = await post(joined, channelToken());
    expect(response.status).toBe(200);
    expect(posted).toHaveLength(1);
    const [greeting] = posted;
    expect(greeting?.path).toBe(`/apis/v3/conversations/a:conversation-1/activities/${joined.id}`);
    expect(greeting?.authorization).toBe(`Bearer ${CONNECTOR_TOKEN}`);
    expect(greeting?.body).toMatchObject({
      type: 'message',
      locale: 'fr-FR',
      replyToId: joined.id,
      from: { id: `28:${APP_ID}` },
      recipient: { id: '29:user-aad-id' },
    });
    expect(greeting?.body.text).toContain('Bonjour');
    expect(greeting?.body.suggestedActions?.actions).toContainEqual({
      type: 'imBack',
      title: 'Carte de résidence',
      value: 'Carte de résidence',
    });

    // The label sent back as text is the choice; the answer offers its own choices the same way.
    expect((await post(messageActivity({ text: 'Carte de résidence' }), channelToken())).status).toBe(200);
    const answer = posted.slice(1);
    expect(answer.length).toBeGreaterThan(0);
    expect(answer.every((reply) => reply.body.locale === 'fr-FR')).toBe(true);
    const actions = answer.at(-1)?.body.suggestedActions?.actions ?? [];
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((action) => action.type === 'imBack' && action.value === action.title)).toBe(true);
  });

  it("accepts an Entra-issued token (the Emulator's) checked against the keys of the app's authority", async () => {
    const botFrameworkTenant = 'd6d49420-f39b-4df7-a1dc-d59a935871db';
    publishEntraSigningKeys('botframework.com');
    const { post } = await start(authenticated);
    const local = messageActivity({ type: 'typing', serviceUrl: 'http://localhost:9/' });
    const entra = {
      iss: `https://login.microsoftonline.com/${botFrameworkTenant}/v2.0`,
      tid: botFrameworkTenant,
      serviceurl: undefined,
    };
    expect((await post(local, channelToken(entra))).status).toBe(200);
    expect((await post(local, channelToken({ ...entra, tid: 'another-tenant' }))).status).toBe(401);
  });

  it('refuses a wrong audience, a missing token and a foreign signature with 401, sending nothing', async () => {
    publishSigningKeys();
    const posted = mockConnector();
    const { post } = await start(authenticated);
    expect((await post(messageActivity(), channelToken({ aud: 'another-bot-app-id' }))).status).toBe(401);
    expect((await post(messageActivity())).status).toBe(401);
    const [header, payload] = channelToken().split('.');
    const [, , otherSignature] = channelToken({ aud: 'x' }).split('.');
    expect((await post(messageActivity(), `${header}.${payload}.${otherSignature}`)).status).toBe(401);
    expect(
      (await post(messageActivity(), channelToken({ exp: Math.floor(Date.now() / 1000) - 3600 }))).status,
    ).toBe(401);
    expect(posted).toEqual([]);
  });

  it('refuses an activity whose serviceUrl is not the one its token names (403)', async () => {
    publishSigningKeys();
    const posted = mockConnector();
    const { post } = await start(authenticated);
    const response = await post(
      messageActivity({ serviceUrl: 'https://attacker.example/' }),
      channelToken({ serviceurl: 'https://attacker.example/' }),
    );
    expect(response.status).toBe(403);
    const mismatch = await post(
      messageActivity(),
      channelToken({ serviceurl: 'https://elsewhere.example/' }),
    );
    expect(mismatch.status).toBe(403);
    expect(posted).toEqual([]);
  });
});

describe('Bot Framework channel without an app id (anonymous, for the Emulator)', () => {
  async function emulator() {
    const received: Array<{ url: string; authorization: string | undefined; body: Posted['body'] }> = [];
    const server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          url: req.url ?? '',
          authorization: req.headers.authorization,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"emulated"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return { received, serviceUrl: `http://127.0.0.1:${port}/`, close: () => server.close() };
  }

  it('answers on a loopback serviceUrl without any token', async () => {
    const local = await emulator();
    try {
      const { post } = await start();
      const response = await post(messageActivity({ serviceUrl: local.serviceUrl, channelId: 'emulator' }));
      expect(response.status).toBe(200);
      expect(local.received.length).toBeGreaterThan(0);
      expect(local.received[0]?.authorization).toBeUndefined();
      expect(local.received[0]?.url).toMatch(/^\/v3\/conversations\/a:conversation-1\/activities\/activity-/);
      expect(local.received[0]?.body.locale).toBe('fr-FR');
    } finally {
      local.close();
    }
  });

  it('never posts to a serviceUrl that is not loopback or allowed', async () => {
    const posted = mockConnector();
    const { post } = await start();
    expect((await post(messageActivity())).status).toBe(403);
    expect((await post(messageActivity({ serviceUrl: 'http://169.254.169.254/' }))).status).toBe(403);
    expect(posted).toEqual([]);
  });

  it('posts to a configured service URL without a token', async () => {
    const posted: Posted[] = [];
    nock('https://connector.example.org')
      .post(/\/v3\/conversations\/.+\/activities\/.+/)
      .reply(async (request: Request) => {
        posted.push(await recorded(request));
        return [200, { id: 'r1' }];
      });
    const { post } = await start({ BOTFRAMEWORK_ALLOWED_SERVICE_URLS: 'https://connector.example.org/' });
    expect((await post(messageActivity({ serviceUrl: 'https://connector.example.org/' }))).status).toBe(200);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.authorization).toBeUndefined();
  });

  it("drops a user's activities over the per-user budget (200, counted), not other users'", async () => {
    const connector = 'https://connector.example.org/';
    const posted: Posted[] = [];
    nock(connector)
      .persist()
      .post(/\/v3\/conversations\/.+\/activities\/.+/)
      .reply(async (request: Request) => {
        posted.push(await recorded(request));
        return [200, { id: 'r' }];
      });
    const { app, post } = await start({
      BOTFRAMEWORK_ALLOWED_SERVICE_URLS: connector,
      RATE_LIMIT_PER_USER_PER_MINUTE: '2',
    });
    const from = (conversation: string) =>
      messageActivity({ serviceUrl: connector, conversation: { id: conversation } });
    const busy = [from('a:busy'), from('a:busy'), from('a:busy')];
    for (const activity of busy) expect((await post(activity)).status).toBe(200);
    const other = from('a:other');
    expect((await post(other)).status).toBe(200);
    const answered = new Set(posted.map((reply) => reply.body.replyToId));
    expect([...answered]).toEqual([busy[0]?.id, busy[1]?.id, other.id]);
    const { values } = await app.metrics.rateLimited.get();
    expect(values).toContainEqual(expect.objectContaining({ labels: { limit: 'user' }, value: 1 }));
  });

  it('refuses a body that is not UTF-8 or is nested too deeply (400)', async () => {
    const { port } = await start();
    const send = (body: Uint8Array | string) =>
      fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const notUtf8 = Buffer.concat([
      Buffer.from('{"type":"message","text":"'),
      Buffer.from([0xff]),
      Buffer.from('"}'),
    ]);
    expect(await (await send(notUtf8)).json()).toEqual({ error: 'body is not UTF-8' });
    const deep = `{"type":"message","value":${'['.repeat(100)}${']'.repeat(100)}}`;
    expect(await (await send(deep)).json()).toEqual({ error: 'body is nested too deeply' });
  });

  it('refuses loopback service URLs in production', async () => {
    const { post } = await start({ NODE_ENV: 'production', MADOGUCHI_NOW: '' });
    expect((await post(messageActivity({ serviceUrl: 'http://127.0.0.1:9/' }))).status).toBe(403);
  });
});

/** The connector's "send to conversation" (a proactive message: no activity to reply to). */
function mockProactive(...statuses: number[]): Posted[] {
  const posted: Posted[] = [];
  for (const status of [...statuses, 200]) {
    nock(SERVICE_URL)
      .post(/\/v3\/conversations\/[^/]+\/activities$/)
      .reply(async (request: Request) => {
        posted.push(await recorded(request));
        return [status, status === 200 ? { id: `proactive-${posted.length}` } : { error: 'unavailable' }];
      });
  }
  return posted;
}

/** `madoguchi_reminders_sent_total{channel="botframework"}`. */
async function sentCount(app: Running | undefined) {
  const { values } = await (app?.app.metrics.remindersSent.get() ?? Promise.reject(new Error('not started')));
  return values.find((value) => value.labels.channel === 'botframework')?.value;
}

describe('Bot Framework reminders', () => {
  /** Finishes the move-in dialog in French (settled 20 Nov → due 4 Dec) and asks for its reminder. */
  async function subscribe(post: Running['post']) {
    for (const value of [
      { choice: 'go:move-in' },
      { choice: 'yes' },
      { date: '2026-11-20' },
      { choice: 'remind:notify-by' },
    ]) {
      expect((await post(messageActivity({ text: undefined, value }), channelToken())).status).toBe(200);
    }
  }

  it('posts a due reminder proactively to the stored conversation, as the bot, in French', async () => {
    publishSigningKeys();
    mockConnector();
    const proactive = mockProactive();
    const clock = movableClock('2026-11-25T10:00:00+09:00');
    const { app, post } = await start(authenticated, clock);
    await subscribe(post);

    clock.set('2026-11-27T09:00:00+09:00');
    expect(await app.reminders.runDue()).toBe(1);
    expect(proactive).toHaveLength(1);
    const [sent] = proactive;
    expect(sent?.path).toBe('/apis/v3/conversations/a:conversation-1/activities');
    expect(sent?.authorization).toBe(`Bearer ${CONNECTOR_TOKEN}`);
    expect(sent?.body).toMatchObject({
      type: 'message',
      locale: 'fr-FR',
      conversation: { id: 'a:conversation-1' },
      from: { id: `28:${APP_ID}` },
      recipient: { id: '29:user-aad-id' },
    });
    expect(sent?.body.replyToId).toBeUndefined();
    const texts = sent?.body.attachments?.[0]?.content.body.map((element) => element.text);
    expect(texts).toContain('Rappel');
    expect(await sentCount(running)).toBe(1);
  });

  it('a connector failure makes the send fail, and the backend sends it again later', async () => {
    publishSigningKeys();
    mockConnector();
    const proactive = mockProactive(503);
    const clock = movableClock('2026-11-25T10:00:00+09:00');
    const { app, post } = await start(authenticated, clock);
    await subscribe(post);

    clock.set('2026-11-27T09:00:00+09:00');
    expect(await app.reminders.runDue()).toBe(0);
    // The first retry comes a minute later (SqliteReminderBackend's backoff).
    clock.set('2026-11-27T09:01:00+09:00');
    expect(await app.reminders.runDue()).toBe(1);
    expect(proactive).toHaveLength(2);
    expect(proactive[1]?.body).toMatchObject({ conversation: { id: 'a:conversation-1' } });
    // Counted once: the failed attempt was not sent.
    expect(await sentCount(running)).toBe(1);
  });
});
