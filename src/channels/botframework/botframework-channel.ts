/**
 * The Bot Framework channel: `POST /api/messages` for an Azure Bot resource (Teams, Web Chat on
 * Azure's Direct Line, Slack, Telegram…) and the Bot Framework Emulator.
 *
 * request → raw body (413 over the limit) → with MICROSOFT_APP_ID, the Bot Framework JWT (401
 * otherwise) → the activity's serviceUrl must be one replies may go to (403) → turn through the
 * engine (de-duplicated on the activity id) → replies posted to `<serviceUrl>/v3/conversations/…`
 * → 200.
 *
 * From the Microsoft 365 Agents SDK (`@microsoft/agents-hosting`, botbuilder's successor) this
 * uses `authorizeJWT` (signature against Microsoft's published keys, audience = our app id, issuer,
 * expiry), `MsalTokenProvider` (the client-credentials token for replies), `ConnectorClient` (the
 * reply call) and `OutboundHostValidator` (Microsoft's own service hosts). Not its `CloudAdapter`:
 * the adapter's turn pipeline would bypass our engine's rendering, and its anonymous mode (no app
 * id) replies to whatever serviceUrl a caller names. Here, without an app id, replies go only to
 * loopback (the Emulator) or to BOTFRAMEWORK_ALLOWED_SERVICE_URLS.
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication
 */
import type { IncomingMessage } from 'node:http';
// The SDK is loaded on first use (a token to check, a reply to send), see src/packages.ts.
import type { AuthConfiguration, authorizeJWT } from '@microsoft/agents-hosting';
import { z } from 'zod';
import type { App } from '../../app.ts';
import type { Config } from '../../config.ts';
import { type Handler, HttpError, parseJsonBody, readBody, sendJson } from '../../http/server.ts';
import { languageOf, type Translator } from '../../i18n/index.ts';
import { type Logger, logKey } from '../../logger.ts';
import { agentsActivity, agentsHosting } from '../../packages.ts';
import type { ReminderDelivery } from '../../reminders/index.ts';
import type { Channel } from '../index.ts';
import { inboundOf, type MessageActivity, renderTurnActivities } from './activities.ts';

export const BOTFRAMEWORK_CHANNEL_NAME = 'botframework';
export const BOTFRAMEWORK_MESSAGES_PATH = '/api/messages';
/** The audience of the tokens our replies carry (Bot Connector service). */
const CONNECTOR_SCOPE = 'https://api.botframework.com/.default';

const activitySchema = z.looseObject({
  type: z.string(),
  id: z.string().min(1).optional(),
  serviceUrl: z.string().min(1),
  channelId: z.string().min(1),
  locale: z.string().optional(),
  text: z.string().optional(),
  value: z.unknown().optional(),
  from: z.looseObject({ id: z.string().min(1), name: z.string().optional() }),
  recipient: z.looseObject({ id: z.string().min(1), name: z.string().optional() }),
  conversation: z.looseObject({ id: z.string().min(1) }),
  membersAdded: z.array(z.looseObject({ id: z.string().optional() })).optional(),
});
type IncomingActivity = z.infer<typeof activitySchema>;

export interface BotFrameworkChannelOptions {
  bodyLimit?: number;
}

export function createBotFrameworkChannel(options: BotFrameworkChannelOptions = {}): Channel {
  return {
    name: BOTFRAMEWORK_CHANNEL_NAME,
    register(app) {
      const appId = app.config.MICROSOFT_APP_ID;
      const auth = authConfiguration(app.config);
      const connector = createConnector(app.config, auth);
      app.http.addRoute({
        method: 'POST',
        path: BOTFRAMEWORK_MESSAGES_PATH,
        handler: createHandler(app, auth, connector, options),
      });
      app.reminders.registerDelivery(
        createBotFrameworkReminderDelivery(connector, app.translator, app.logger),
      );
      app.logger.info(
        appId
          ? `Bot Framework channel on: POST ${BOTFRAMEWORK_MESSAGES_PATH} (app id ${appId}, JWT required)`
          : `Bot Framework channel on: POST ${BOTFRAMEWORK_MESSAGES_PATH} anonymously (Emulator); replies only to loopback and BOTFRAMEWORK_ALLOWED_SERVICE_URLS. Set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD for an Azure Bot (README, "Connecting an Azure Bot resource")`,
      );
    },
  };
}

/**
 * Where a conversation can be reached later (a proactive message): the parts of Bot Framework's
 * ConversationReference a send needs, kept as the reminder's address.
 * https://learn.microsoft.com/azure/bot-service/bot-builder-howto-proactive-message
 */
export interface ConversationReference {
  serviceUrl: string;
  channelId: string;
  conversation: { id: string };
  bot: { id: string; name?: string };
  user: { id: string };
}

const referenceSchema = z.object({
  serviceUrl: z.string().min(1),
  channelId: z.string().min(1),
  conversation: z.object({ id: z.string().min(1) }),
  bot: z.object({ id: z.string().min(1), name: z.string().optional() }),
  user: z.object({ id: z.string().min(1) }),
});

export function conversationReferenceOf(activity: IncomingActivity): ConversationReference {
  return {
    serviceUrl: activity.serviceUrl,
    channelId: activity.channelId,
    conversation: { id: activity.conversation.id },
    bot: { id: activity.recipient.id, ...(activity.recipient.name ? { name: activity.recipient.name } : {}) },
    user: { id: activity.from.id },
  };
}

/** Posts our messages to a conversation's Bot Connector service: replies and proactive messages alike. */
interface Connector {
  /** Whether messages may be posted to this serviceUrl (see `serviceUrlPolicy`). */
  allows(serviceUrl: string): boolean;
  send(
    reference: ConversationReference,
    rendered: readonly MessageActivity[],
    replyToId?: string,
  ): Promise<void>;
}

/** The app's Entra ID registration, when MICROSOFT_APP_ID is set: it checks tokens and signs replies. */
function authConfiguration(config: Config): AuthConfiguration | undefined {
  const appId = config.MICROSOFT_APP_ID;
  if (!appId) return undefined;
  const auth: AuthConfiguration = {
    clientId: appId,
    ...(config.MICROSOFT_APP_PASSWORD ? { clientSecret: config.MICROSOFT_APP_PASSWORD } : {}),
    ...(config.MICROSOFT_APP_TENANT_ID ? { tenantId: config.MICROSOFT_APP_TENANT_ID } : {}),
    // Replies from a multi-tenant bot get their token from the Bot Framework tenant.
    authority: `https://login.microsoftonline.com/${config.MICROSOFT_APP_TENANT_ID ?? 'botframework.com'}`,
  };
  auth.connections = new Map([['ServiceConnection', { ...auth }]]);
  return auth;
}

function createConnector(config: Config, auth: AuthConfiguration | undefined): Connector {
  const tokens = auth ? new (agentsHosting().MsalTokenProvider)(auth) : undefined;
  const allows = serviceUrlPolicy({
    allowedPrefixes: config.BOTFRAMEWORK_ALLOWED_SERVICE_URLS,
    authenticated: auth !== undefined,
    // In production, an unauthenticated caller could otherwise make the server post to local ports.
    loopback: config.NODE_ENV !== 'production',
  });
  return {
    allows,
    async send(reference, rendered, replyToId) {
      if (!allows(reference.serviceUrl)) throw new Error(`serviceUrl not allowed: ${reference.serviceUrl}`);
      const token = tokens ? await tokens.getAccessToken(CONNECTOR_SCOPE) : '';
      const client = agentsHosting().ConnectorClient.createClientWithToken(reference.serviceUrl, token);
      for (const message of rendered) {
        const outgoing = agentsActivity().Activity.fromObject({
          ...message,
          // The SDK's activity schema requires the suggested actions' recipients.
          ...(message.suggestedActions
            ? { suggestedActions: { ...message.suggestedActions, to: [reference.user.id] } }
            : {}),
          channelId: reference.channelId,
          serviceUrl: reference.serviceUrl,
          conversation: reference.conversation,
          from: reference.bot,
          recipient: reference.user,
          ...(replyToId ? { replyToId } : {}),
        });
        if (replyToId) await client.replyToActivity(reference.conversation.id, replyToId, outgoing);
        else await client.sendToConversation(reference.conversation.id, outgoing);
      }
    },
  };
}

/**
 * Reminders on Bot Framework: a proactive message to the conversation the reminder was set in.
 * The connector has no retry key: a crash between the post and the backend's acknowledgement can
 * repeat one send.
 */
export function createBotFrameworkReminderDelivery(
  connector: Connector,
  translator: Translator,
  logger: Logger,
): ReminderDelivery {
  return {
    channel: BOTFRAMEWORK_CHANNEL_NAME,
    async send(notice, messages) {
      let reference: ConversationReference;
      try {
        reference = referenceSchema.parse(JSON.parse(notice.address));
      } catch {
        // Sent again, it would be refused again: not retried.
        logger.error(
          { reminder: notice.reminderId },
          'BotFrameworkReminderDelivery: the reminder has no conversation reference; dropped',
        );
        return;
      }
      if (!connector.allows(reference.serviceUrl)) {
        logger.error(
          { reminder: notice.reminderId, serviceUrl: reference.serviceUrl },
          'BotFrameworkReminderDelivery: the serviceUrl is no longer allowed (BOTFRAMEWORK_ALLOWED_SERVICE_URLS, MICROSOFT_APP_ID); dropped',
        );
        return;
      }
      const language = notice.locale;
      const rendered = renderTurnActivities(
        { messages, language, dir: languageOf(language).dir },
        translator,
        'imBack',
      );
      // A connector failure throws: the backend retries the send later.
      await connector.send(reference, rendered);
    },
  };
}

function createHandler(
  app: App,
  auth: AuthConfiguration | undefined,
  connector: Connector,
  options: BotFrameworkChannelOptions,
): Handler {
  const { engine, logger, translator } = app;
  const verify = auth ? agentsHosting().authorizeJWT(auth) : undefined;

  return async (req, res) => {
    const body = await readBody(req, options.bodyLimit);
    const claims = verify ? await authenticate(verify, req) : undefined;
    const parsed = activitySchema.safeParse(parseJsonBody(body));
    if (!parsed.success) throw new HttpError(400, 'body is not a Bot Framework activity');
    const activity = parsed.data;
    // A channel's token names the serviceUrl it may be answered on; the rest must be allowed.
    const claimed = typeof claims?.serviceurl === 'string' ? claims.serviceurl : undefined;
    if ((claimed && claimed !== activity.serviceUrl) || !connector.allows(activity.serviceUrl)) {
      logger.warn(
        { serviceUrl: activity.serviceUrl, channelId: activity.channelId },
        'BotFrameworkChannel: refused an activity whose serviceUrl replies may not go to',
      );
      throw new HttpError(403, 'serviceUrl not allowed');
    }
    const inbound = inboundOf(activity);
    if (!inbound) {
      sendJson(res, 200, {});
      return;
    }
    const userKey = `${activity.channelId}:${activity.conversation.id}`;
    // One service calls for all its users: the budget is per user (RATE_LIMIT_PER_USER_PER_MINUTE).
    // Over it, the activity is dropped with 200, as LINE's events are: a retry would only add load.
    if (!app.perUserLimit.take(`${BOTFRAMEWORK_CHANNEL_NAME}:${userKey}`).allowed) {
      app.metrics.rateLimited.inc({ limit: 'user' });
      app.metrics.webhookEvents.inc({ channel: BOTFRAMEWORK_CHANNEL_NAME, outcome: 'rate-limited' });
      logger.warn(
        { user: logKey(`botframework:${userKey}`), channelId: activity.channelId },
        'BotFrameworkChannel: user over the rate limit; activity dropped',
      );
      sendJson(res, 200, {});
      return;
    }
    const reference = conversationReferenceOf(activity);
    const result = await engine.handle({
      ...inbound,
      channel: BOTFRAMEWORK_CHANNEL_NAME,
      userKey,
      replyAddress: JSON.stringify(reference),
      ...(activity.id ? { eventId: `botframework:${activity.channelId}:${activity.id}` } : {}),
      ...(activity.locale ? { localeHint: activity.locale } : {}),
    });
    if (!result.duplicate && result.messages.length > 0) {
      try {
        // Labels sent back as text work on every channel, Teams included; the engine matches them.
        await connector.send(reference, renderTurnActivities(result, translator, 'imBack'), activity.id);
      } catch (error) {
        logger.error(
          { err: error, user: logKey(`botframework:${userKey}`), channelId: activity.channelId },
          'BotFrameworkChannel.reply(): the connector refused the reply; messages not sent',
        );
        throw new HttpError(502, 'could not deliver the reply');
      }
    }
    sendJson(res, 200, {});
  };
}

/** Runs the SDK's JWT check; its claims, or a 401 with the SDK's reason. */
async function authenticate(
  verify: ReturnType<typeof authorizeJWT>,
  req: IncomingMessage,
): Promise<Record<string, unknown>> {
  const request: { headers: IncomingMessage['headers']; method: string; user?: Record<string, unknown> } = {
    headers: req.headers,
    method: req.method ?? 'POST',
  };
  let refusal: unknown;
  const response = {
    headersSent: false,
    writableEnded: false,
    status(_code: number) {
      return response;
    },
    setHeader() {
      return response;
    },
    send(body?: unknown) {
      refusal = body;
      return response;
    },
    end() {
      return response;
    },
  };
  let passed = false;
  await verify(request, response, () => {
    passed = true;
  });
  if (!passed || !request.user) {
    const reason =
      (refusal as { 'jwt-auth-error'?: string } | undefined)?.['jwt-auth-error'] ?? 'unauthorized';
    throw new HttpError(401, `invalid Bot Framework token: ${reason}`);
  }
  return request.user;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where replies may be posted: loopback (the Emulator) outside production, the configured prefixes,
 * and — once requests are authenticated — Microsoft's own connector hosts (the SDK's list).
 */
export function serviceUrlPolicy(options: {
  allowedPrefixes: readonly string[];
  authenticated: boolean;
  loopback: boolean;
}) {
  const { allowedPrefixes, authenticated, loopback } = options;
  // Only authenticated requests may be answered on Microsoft's hosts: the SDK's list is loaded then.
  const microsoftHosts = authenticated
    ? agentsHosting().createOutboundHostValidator({ enabled: true, includeDefaultMicrosoftHosts: true })
    : undefined;
  return (serviceUrl: string): boolean => {
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return false;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
    if (loopback && LOOPBACK.has(url.hostname)) return true;
    if (allowedPrefixes.some((prefix) => serviceUrl.startsWith(prefix))) return true;
    return microsoftHosts !== undefined && url.protocol === 'https:' && microsoftHosts.isAllowed(url);
  };
}
