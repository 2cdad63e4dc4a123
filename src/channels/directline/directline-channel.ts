/**
 * A self-hosted Direct Line: the subset of Azure's Direct Line 3.0 API that Web Chat and
 * botframework-directlinejs use, served under `/directline`, so that the widget needs no Azure.
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-direct-line-3-0-api-reference
 *
 * POST /directline/tokens/generate   (Bearer secret) → a new conversation and its token
 * POST /directline/tokens/refresh    (Bearer token)  → a fresh token for the same conversation
 * POST /directline/conversations     (Bearer token or secret) → starts it (greeting), streamUrl
 * GET  /directline/conversations/:id (Bearer token or secret) → resumes it, streamUrl from ?watermark
 * POST /directline/conversations/:id/activities → echoes the user's activity (id, clientActivityID)
 *      into the log, runs the turn, appends the replies, answers { id }. The turn's own write keeps
 *      the replies in the store's inbox (channel `directline-outbox`) until they are appended: a
 *      crash in between loses no answer (items left behind, once 30 s old, are appended by the
 *      replay that runs at start and every 30 s, in this instance or another).
 * GET  /directline/conversations/:id/activities?watermark= → polling
 * WS   /directline/conversations/:id/stream?t=<token>&watermark= → activity sets as they come
 *
 * One conversation is one user: the engine's user key is the conversation id.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { App } from '../../app.ts';
import type { InboundEvent, TurnAnswer, TurnResult } from '../../engine/engine.ts';
import { type Handler, HttpError, parseJsonBody, readBody, sendJson } from '../../http/server.ts';
import { languageOf } from '../../i18n/index.ts';
import { logKey } from '../../logger.ts';
import { inboundOf, renderTurnActivities } from '../botframework/index.ts';
import type { Channel } from '../index.ts';
import { type Activity, createConversationLog, watermarkOf } from './conversation-log.ts';
import { createOriginPolicy, type OriginPolicy } from './origins.ts';
import { attachStreams, type Streams } from './streams.ts';
import { createTokenService, type TokenClaims } from './tokens.ts';

export const DIRECTLINE_CHANNEL_NAME = 'directline';
export const DIRECTLINE_PATH = '/directline';

const ACTIVITY_BODY_LIMIT = 64 * 1024;
const BOT = { id: 'madoguchi', name: 'Madoguchi', role: 'bot' } as const;
const CONVERSATION_PATH = /^\/directline\/conversations\/([A-Za-z0-9_-]{16,64})(\/activities)?$/;
/** The inbox channel of a turn's replies, kept by the turn's write until they are in the log. */
export const DIRECTLINE_OUTBOX = 'directline-outbox';
/** Replies still in the outbox after this were left by a crash (here or in another instance). */
const REPLAY_AFTER_MS = 30_000;

interface OutboxPayload {
  conversationId: string;
  activities: Activity[];
}

export interface DirectLineOptions {
  now?: () => number;
  /** How often open streams also look for activities appended by other instances. */
  streamPollMs?: number;
}

/** What the widget needs from Direct Line: a new conversation's token, and the origin rules. */
export interface DirectLineService {
  origins: OriginPolicy;
  startConversation(options: { locale?: string }): {
    conversationId: string;
    token: string;
    expiresIn: number;
  };
}

export interface DirectLineChannel extends Channel {
  /** Set once registered with DIRECTLINE_SECRET: the widget builds on it. */
  service(): DirectLineService | undefined;
  /** Resolves once the turns in flight are done. */
  idle(): Promise<void>;
  /** Appends the replies a crash left in the outbox, those older than `olderThanMs` (default 30 s). */
  replayPending(olderThanMs?: number): Promise<void>;
  close(): Promise<void>;
}

const activitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  text: z.string().max(10_000).optional(),
  value: z.unknown().optional(),
  locale: z.string().max(35).optional(),
  textFormat: z.string().max(16).optional(),
  channelData: z.looseObject({ clientActivityID: z.string().max(128).optional() }).optional(),
  from: z
    .looseObject({ id: z.string().max(256).optional(), name: z.string().max(256).optional() })
    .optional(),
  membersAdded: z.array(z.looseObject({ id: z.string().optional() })).optional(),
});

type Access = { kind: 'secret' } | { kind: 'token'; claims: TokenClaims };

export function createDirectLineChannel(options: DirectLineOptions = {}): DirectLineChannel {
  let runtime: Runtime | undefined;
  return {
    name: DIRECTLINE_CHANNEL_NAME,
    register(app) {
      const secret = app.config.DIRECTLINE_SECRET;
      if (!secret) {
        app.logger.info(
          `Direct Line and widget off: set DIRECTLINE_SECRET (32+ characters) to serve ${DIRECTLINE_PATH}, /widget.js and the demo page (see the README, "The web chat widget")`,
        );
        return;
      }
      runtime = createRuntime(app, secret, options);
      app.logger.info(`Direct Line on: ${DIRECTLINE_PATH}`);
    },
    service: () => runtime?.service,
    idle: async () => runtime?.idle(),
    replayPending: async (olderThanMs) => runtime?.replayPending(olderThanMs),
    async close() {
      await runtime?.close();
    },
  };
}

interface Runtime {
  service: DirectLineService;
  idle(): Promise<void>;
  replayPending(olderThanMs?: number): Promise<void>;
  close(): Promise<void>;
}

function createRuntime(app: App, secret: string, options: DirectLineOptions): Runtime {
  const { engine, logger, translator, config } = app;
  const tokens = createTokenService({
    secret,
    ttlSeconds: config.DIRECTLINE_TOKEN_TTL_SECONDS,
    ...(options.now ? { now: options.now } : {}),
  });
  const origins = createOriginPolicy({
    allowed: config.WIDGET_ALLOWED_ORIGINS,
    trustProxy: config.TRUST_PROXY,
  });
  const log = createConversationLog(app.store);
  const secretBuffer = Buffer.from(secret);

  /** The tail of each conversation's turns: one conversation's activities run in order. */
  const queues = new Map<string, Promise<void>>();

  function inQueue(conversationId: string, work: () => Promise<void>): Promise<void> {
    // Each caller gets its own work's outcome; a failed turn does not stop the ones queued after it.
    const previous = (queues.get(conversationId) ?? Promise.resolve()).catch(() => undefined);
    const tail = previous.then(work).finally(() => {
      if (queues.get(conversationId) === tail) queues.delete(conversationId);
    });
    queues.set(conversationId, tail);
    return tail;
  }

  function access(req: IncomingMessage): Access {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) throw new HttpError(401, 'missing Authorization: Bearer <token or secret>');
    const given = Buffer.from(match[1]);
    if (given.length === secretBuffer.length && timingSafeEqual(given, secretBuffer)) {
      return { kind: 'secret' };
    }
    const claims = tokens.verify(match[1]);
    // 403, as Azure: directlinejs reads it as "token expired" and stops retrying.
    if (!claims) throw new HttpError(403, 'invalid or expired token');
    return { kind: 'token', claims };
  }

  function accessTo(req: IncomingMessage, conversationId: string): Access {
    const granted = access(req);
    if (granted.kind === 'token' && granted.claims.conv !== conversationId) {
      throw new HttpError(403, 'token is not valid for this conversation');
    }
    return granted;
  }

  function newConversation(locale?: string): { conversationId: string; token: string; expiresIn: number } {
    const conversationId = randomBytes(18).toString('base64url');
    const user = `dl_${randomBytes(12).toString('base64url')}`;
    const issued = tokens.issue({ conv: conversationId, user, ...(locale ? { lng: locale } : {}) });
    return { conversationId, token: issued.token, expiresIn: issued.expiresIn };
  }

  function streamUrl(req: IncomingMessage, conversationId: string, token: string, watermark: number): string {
    const ws = origins.ownOrigin(req).replace(/^http/, 'ws');
    return `${ws}${DIRECTLINE_PATH}/conversations/${conversationId}/stream?watermark=${watermark}&t=${encodeURIComponent(token)}`;
  }

  /** Runs one turn and appends the replies to the conversation. */
  async function turn(
    conversationId: string,
    claims: TokenClaims | undefined,
    event: Omit<InboundEvent, 'channel' | 'userKey'>,
    replyToId?: string,
  ): Promise<void> {
    const addressing = {
      ...(claims ? { recipient: { id: claims.user, role: 'user' } } : {}),
      ...(replyToId ? { replyToId } : {}),
    };
    /** The replies, once the turn's own write has put them in the outbox. */
    let kept: { id: string; activities: Activity[] } | undefined;
    let result: TurnResult;
    try {
      result = await engine.handle({
        ...event,
        channel: DIRECTLINE_CHANNEL_NAME,
        userKey: conversationId,
        outbox: (answer) => {
          if (!event.eventId) return undefined;
          const activities = botActivities(conversationId, answer, addressing);
          if (activities.length === 0) return undefined;
          kept = { id: `${DIRECTLINE_OUTBOX}:${event.eventId}`, activities };
          const payload: OutboxPayload = { conversationId, activities };
          return {
            id: kept.id,
            channel: DIRECTLINE_OUTBOX,
            payload: JSON.stringify(payload),
            receivedAt: Date.now(),
          };
        },
      });
    } catch (error) {
      logger.error(
        { err: error, conversation: logKey(`directline:${conversationId}`), kind: event.kind },
        'DirectLineChannel: the turn failed; the user gets no answer to this activity',
      );
      return;
    }
    if (result.duplicate || result.messages.length === 0) return;
    await log.append(conversationId, kept?.activities ?? botActivities(conversationId, result, addressing));
    if (kept) await app.store.inboxRemove(kept.id);
  }

  /** The bot's rendered messages as Direct Line activities of the conversation. */
  function botActivities(
    conversationId: string,
    answer: TurnAnswer,
    extra: { recipient?: { id: string; role: string }; replyToId?: string } = {},
  ): Activity[] {
    const timestamp = new Date().toISOString();
    return renderTurnActivities(answer, translator, 'messageBack').map((activity) => ({
      ...activity,
      channelId: DIRECTLINE_CHANNEL_NAME,
      conversation: { id: conversationId },
      from: BOT,
      ...extra,
      timestamp,
    }));
  }

  async function replayPending(olderThanMs = REPLAY_AFTER_MS): Promise<void> {
    try {
      for (const item of await app.store.inboxPending(olderThanMs, undefined, [DIRECTLINE_OUTBOX])) {
        const { conversationId, activities } = JSON.parse(item.payload) as OutboxPayload;
        await inQueue(conversationId, async () => {
          await log.append(conversationId, activities);
          await app.store.inboxRemove(item.id);
        });
      }
    } catch (error) {
      logger.error(
        { err: error },
        'DirectLineChannel.replayPending(): could not read the outbox; will retry',
      );
    }
  }

  // A reminder is appended to its conversation like a message from the bot: an open widget shows
  // it at once (streams poll the log), and a later visit finds it in the history it resumes from
  // watermark 0. No mailbox and no turn needed. The conversation id is the reminder's address.
  app.reminders.registerDelivery({
    channel: DIRECTLINE_CHANNEL_NAME,
    send: (notice, messages) =>
      inQueue(notice.address, async () => {
        // A send handed over again (a retry, a crash before the backend's acknowledgement) shows once.
        const sent = `directline:reminder:${notice.sendId}`;
        if (await app.store.hasSeen(sent)) return;
        const language = notice.locale;
        await log.append(
          notice.address,
          botActivities(notice.address, { messages, language, dir: languageOf(language).dir }),
        );
        await app.store.markSeen(sent);
      }),
  });

  function startConversation(conversationId: string, claims: TokenClaims | undefined): Promise<void> {
    // Azure sends the bot a conversationUpdate when a conversation starts: here, the greeting. The
    // event id makes a second start (a retried request) a no-op.
    return inQueue(conversationId, () =>
      turn(conversationId, claims, {
        kind: 'follow',
        eventId: `directline:${conversationId}:start`,
        ...(claims?.lng ? { localeHint: claims.lng } : {}),
      }),
    );
  }

  function conversationReply(
    req: IncomingMessage,
    conversationId: string,
    token: string,
    expiresIn: number,
    watermark: number,
  ) {
    return {
      conversationId,
      token,
      expires_in: expiresIn,
      streamUrl: streamUrl(req, conversationId, token, watermark),
    };
  }

  const withCors =
    (handler: Handler): Handler =>
    async (req, res, url) => {
      try {
        await handler(req, res, url);
      } catch (error) {
        if (error instanceof HttpError) {
          throw new HttpError(error.status, error.message, { ...origins.corsHeaders(req), ...error.headers });
        }
        throw error;
      }
    };

  const send = (req: IncomingMessage, res: ServerResponse, status: number, body: unknown) =>
    sendJson(res, status, body, { ...origins.corsHeaders(req), 'cache-control': 'no-store' });

  const post: Handler = async (req, res, url) => {
    const path = url.pathname;
    if (path === `${DIRECTLINE_PATH}/tokens/generate`) {
      if (access(req).kind !== 'secret')
        throw new HttpError(403, 'tokens/generate needs the Direct Line secret');
      const locale = await requestedLocale(req);
      const created = newConversation(locale);
      send(req, res, 200, {
        conversationId: created.conversationId,
        token: created.token,
        expires_in: created.expiresIn,
      });
      return;
    }
    if (path === `${DIRECTLINE_PATH}/tokens/refresh`) {
      const granted = access(req);
      if (granted.kind !== 'token') throw new HttpError(403, 'tokens/refresh needs a token');
      const { conv, user, lng } = granted.claims;
      const issued = tokens.issue({ conv, user, ...(lng ? { lng } : {}) });
      send(req, res, 200, { conversationId: conv, token: issued.token, expires_in: issued.expiresIn });
      return;
    }
    if (path === `${DIRECTLINE_PATH}/conversations`) {
      const granted = access(req);
      if (granted.kind === 'secret') {
        const created = newConversation();
        const claims = tokens.verify(created.token);
        await startConversation(created.conversationId, claims);
        send(
          req,
          res,
          201,
          conversationReply(req, created.conversationId, created.token, created.expiresIn, 0),
        );
        return;
      }
      const { claims } = granted;
      await startConversation(claims.conv, claims);
      const expiresIn = Math.max(0, claims.exp - Math.floor((options.now ?? Date.now)() / 1000));
      send(req, res, 201, conversationReply(req, claims.conv, headerToken(req), expiresIn, 0));
      return;
    }
    const match = CONVERSATION_PATH.exec(path);
    if (!match?.[1] || !match[2]) throw new HttpError(404, 'not found');
    const conversationId = match[1];
    const granted = accessTo(req, conversationId);
    const body = parseJsonBody(await readBody(req, ACTIVITY_BODY_LIMIT));
    const activity = activitySchema.safeParse(body);
    if (!activity.success) throw new HttpError(400, 'body is not a Bot Framework activity');
    const parsed = activity.data;
    const claims = granted.kind === 'token' ? granted.claims : undefined;
    const echo: Activity = {
      type: parsed.type,
      ...(parsed.text !== undefined ? { text: parsed.text } : {}),
      ...(parsed.textFormat !== undefined ? { textFormat: parsed.textFormat } : {}),
      ...(parsed.value !== undefined ? { value: parsed.value } : {}),
      ...(parsed.locale ? { locale: parsed.locale } : {}),
      // Web Chat matches its pending activity to the echo by clientActivityID.
      ...(parsed.channelData ? { channelData: parsed.channelData } : {}),
      channelId: DIRECTLINE_CHANNEL_NAME,
      conversation: { id: conversationId },
      from: {
        id: claims?.user ?? parsed.from?.id ?? 'user',
        ...(parsed.from?.name ? { name: parsed.from.name } : {}),
        role: 'user',
      },
      recipient: BOT,
      timestamp: new Date().toISOString(),
    };
    const inbound = inboundOf(parsed);
    let id = '';
    await inQueue(conversationId, async () => {
      [id = ''] = await log.append(conversationId, [echo]);
      if (inbound) {
        await turn(
          conversationId,
          claims,
          {
            ...inbound,
            eventId: `directline:${id}`,
            ...(parsed.locale ? { localeHint: parsed.locale } : {}),
          },
          id,
        );
      }
    });
    send(req, res, 200, { id });
  };

  const get: Handler = async (req, res, url) => {
    const match = CONVERSATION_PATH.exec(url.pathname);
    if (!match?.[1]) throw new HttpError(404, 'not found');
    const conversationId = match[1];
    const granted = accessTo(req, conversationId);
    const watermark = watermarkOf(url);
    if (match[2]) {
      const set = await log.read(conversationId, watermark);
      send(req, res, 200, { activities: set.activities, watermark: String(set.watermark) });
      return;
    }
    // Resuming: the same token, or a fresh one when the caller holds the secret.
    const token = granted.kind === 'token' ? headerToken(req) : newTokenFor(conversationId);
    const claims = tokens.verify(token);
    const expiresIn = claims ? claims.exp - claims.iat : config.DIRECTLINE_TOKEN_TTL_SECONDS;
    send(req, res, 200, conversationReply(req, conversationId, token, expiresIn, watermark));
  };

  function newTokenFor(conversationId: string): string {
    return tokens.issue({ conv: conversationId, user: `dl_${randomBytes(12).toString('base64url')}` }).token;
  }

  // Browsers call these: each client IP gets the shared per-IP budget (RATE_LIMIT_PER_IP_PER_MINUTE).
  const route = { path: `${DIRECTLINE_PATH}/*`, perIpLimit: true };
  app.http.addRoute({ ...route, method: 'POST', handler: withCors(post) });
  app.http.addRoute({ ...route, method: 'GET', handler: withCors(get) });
  app.http.addRoute({ ...route, method: 'OPTIONS', handler: (req, res) => origins.preflight(req, res) });

  const streams: Streams = attachStreams({
    http: app.http,
    pathPrefix: `${DIRECTLINE_PATH}/conversations/`,
    log,
    tokens,
    logger,
    ...(options.streamPollMs ? { pollMs: options.streamPollMs } : {}),
  });

  // Replies a crash left behind: appended at start and, for those of other instances, every 30 s.
  void replayPending();
  const replayTimer = setInterval(() => void replayPending(), REPLAY_AFTER_MS);
  replayTimer.unref();

  return {
    service: {
      origins,
      startConversation: ({ locale }) => newConversation(locale),
    },
    async idle() {
      while (queues.size > 0) await Promise.allSettled([...queues.values()]);
    },
    replayPending,
    async close() {
      clearInterval(replayTimer);
      streams.close();
      while (queues.size > 0) await Promise.allSettled([...queues.values()]);
    },
  };
}

/** The bearer token of a request already authorised by `access()`. */
function headerToken(req: IncomingMessage): string {
  return (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
}

/**
 * The optional `{ "locale": "fr" }` body of tokens/generate and of the widget's token request: the
 * page's language, the greeting's hint. (Azure's tokens/generate takes `{ user }`, ignored here.)
 */
export async function requestedLocale(req: IncomingMessage): Promise<string | undefined> {
  const body = await readBody(req, 4 * 1024);
  if (body.toString('utf8').trim() === '') return undefined;
  const parsed = parseJsonBody(body);
  const locale =
    typeof parsed === 'object' && parsed !== null ? (parsed as { locale?: unknown }).locale : undefined;
  return typeof locale === 'string' && locale.length <= 35 ? locale : undefined;
}
