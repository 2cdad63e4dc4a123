/**
 * Assembles Madoguchi from its parts: config → store, content, locales, language understanding,
 * dialogs → engine → HTTP server and channels. Tests build the same app with overrides.
 */
import type { Channel } from './channels/index.ts';
import { type Clock, clockFromConfig } from './clock.ts';
import type { Config } from './config.ts';
import { createEngine, type Engine, type EngineDeps, type HandoffRequest } from './engine/engine.ts';
import { type AnyDialogDefinition, createDialogRegistry } from './engine/registry.ts';
import { basicUnderstanding, type Understanding } from './engine/understanding.ts';
import { createTokenBucketLimiter, type RateLimiter } from './http/rate-limit.ts';
import { createHttpServer, type HttpServer, sendJson } from './http/server.ts';
import { createTranslator, type LanguageCode, type Translator } from './i18n/index.ts';
import { normalizeLanguageCode } from './i18n/language-codes.ts';
import { createLogger, type Logger } from './logger.ts';
import type { DialogMessage } from './messages.ts';
import { createMetrics, instrumentStore, type Metrics, metricsRoute } from './metrics.ts';
import {
  CALENDAR_PATH_PREFIX,
  createReminderBackend,
  createReminders,
  type Reminders,
} from './reminders/index.ts';
import { MemoryStore } from './store/memory-store.ts';
import { RedisStore } from './store/redis-store.ts';
import { SqliteStore } from './store/sqlite-store.ts';
import type { Store } from './store/types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Redelivered webhooks arrive within minutes to hours; a day of memory covers them with margin. */
const SEEN_TTL_MS = DAY_MS;

export interface AppParts {
  config: Config;
  content: unknown;
  dialogs: ReadonlyArray<AnyDialogDefinition>;
  handoff(request: HandoffRequest): DialogMessage[];
  store?: Store;
  clock?: Clock;
  logger?: Logger;
  translator?: Translator;
  understanding?: Understanding;
  onTurn?: EngineDeps['onTurn'];
  /** Deadline reminders; by default on the configured backend (SQLite file, or Redis with REDIS_URL). */
  reminders?: Reminders;
  /** Background work to finish on shutdown, after the last turn (e.g. handoff notices). */
  onClose?: () => Promise<void>;
}

export interface App {
  config: Config;
  engine: Engine;
  store: Store;
  /** Channels register how they deliver reminders here (`registerDelivery`). */
  reminders: Reminders;
  translator: Translator;
  clock: Clock;
  logger: Logger;
  http: HttpServer;
  /** Prometheus counters and histograms (`GET /metrics`); modules increment the named ones. */
  metrics: Metrics;
  /**
   * The per-user budget (RATE_LIMIT_PER_USER_PER_MINUTE), keyed by `<channel>:<user key>`: a channel
   * checks it for each inbound message before queuing its turn. The per-IP budget is a route flag.
   */
  perUserLimit: RateLimiter;
  /** The channels registered on this app (`registerChannels`); shutdown closes them. */
  channels: Channel[];
  /** Counts turns in flight, so that shutdown can wait for them. */
  inFlight(): number;
  close(): Promise<void>;
}

/** REDIS_URL set → the shared Redis store (several instances); otherwise the embedded SQLite file. */
export function createStore(config: Config, logger?: Logger): Store {
  const options = { sessionTtlMs: config.SESSION_TTL_DAYS * DAY_MS, seenTtlMs: SEEN_TTL_MS };
  if (config.REDIS_URL) {
    const where = `REDIS_URL=${withoutPassword(config.REDIS_URL)}`;
    return new RedisStore({
      ...options,
      url: config.REDIS_URL,
      keyPrefix: config.REDIS_KEY_PREFIX,
      onConnectionChange: (change) => {
        if (change.state === 'ready') logger?.info(`RedisStore: connected to ${where}`);
        else {
          logger?.error(
            { err: change.error.message },
            `RedisStore: cannot reach Redis at ${where}; /readyz answers 503 and turns fail until it is back (reconnecting). Check that Redis runs there, or unset REDIS_URL to use the embedded SQLite store.`,
          );
        }
      },
    });
  }
  return config.DATABASE_PATH === ':memory:'
    ? new MemoryStore(options)
    : new SqliteStore(config.DATABASE_PATH, options);
}

/** The URL as it may appear in logs. */
function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

export function createApp(parts: AppParts): App {
  const { config } = parts;
  const logger = parts.logger ?? createLogger(config.LOG_LEVEL);
  const clock = parts.clock ?? clockFromConfig(config);
  const translator =
    parts.translator ??
    createTranslator({
      onMissingKey: (lng, key) => logger.error({ lng, key }, 'i18n: missing translation key'),
    });
  const defaultLanguage = normalizeLanguageCode(config.DEFAULT_LANGUAGE);
  if (!defaultLanguage || !translator.has(defaultLanguage)) {
    throw new Error(
      `DEFAULT_LANGUAGE=${config.DEFAULT_LANGUAGE} has no locale in locales/: choose one of ${translator.languages.join(', ')}`,
    );
  }
  const metrics = createMetrics();
  const store = instrumentStore(parts.store ?? createStore(config, logger), metrics);
  const understanding =
    parts.understanding ??
    basicUnderstanding((language: LanguageCode) => ({
      yes: translator.render({ key: 'common:keywords.yes' }, language).split('|'),
      no: translator.render({ key: 'common:keywords.no' }, language).split('|'),
    }));
  const reminders =
    parts.reminders ??
    createReminders({
      backend: createReminderBackend(config, clock, logger),
      translator,
      clock,
      logger,
      defaultLanguage,
      onSent: (channel) => metrics.remindersSent.inc({ channel }),
      ...(config.PUBLIC_BASE_URL && config.REMINDER_LINK_SECRET
        ? { calendar: { baseUrl: config.PUBLIC_BASE_URL, secret: config.REMINDER_LINK_SECRET } }
        : {}),
    });
  // The console has no way to reach the user between runs: its reminders wait for the next start.
  reminders.registerDelivery(reminders.mailboxDelivery('console'));
  const baseEngine = createEngine({
    store,
    dialogs: createDialogRegistry(parts.dialogs, parts.content),
    content: parts.content,
    translator,
    understanding,
    clock,
    logger,
    defaultLanguage,
    handoff: parts.handoff,
    reminders,
    onTurn: (info) => {
      metrics.recordTurn(info);
      parts.onTurn?.(info);
    },
  });

  let running = 0;
  const idleWaiters: Array<() => void> = [];
  const engine: Engine = {
    ...baseEngine,
    async handle(event) {
      running += 1;
      try {
        return await baseEngine.handle(event);
      } finally {
        running -= 1;
        if (running === 0) for (const resolve of idleWaiters.splice(0)) resolve();
      }
    },
  };

  const http = createHttpServer(logger, {
    perIp: createTokenBucketLimiter({ perMinute: config.RATE_LIMIT_PER_IP_PER_MINUTE }),
    trustProxy: config.TRUST_PROXY,
    onResponse: (info) => metrics.recordResponse(info),
  });
  const perUserLimit = createTokenBucketLimiter({ perMinute: config.RATE_LIMIT_PER_USER_PER_MINUTE });
  const channels: Channel[] = [];
  http.addRoute(metricsRoute(metrics, config.METRICS_TOKEN));
  http.addRoute({
    method: 'GET',
    path: '/healthz',
    handler: (_req, res) => sendJson(res, 200, { status: 'ok' }),
  });
  http.addRoute({
    method: 'GET',
    path: '/readyz',
    handler: async (_req, res) => {
      try {
        await store.ping();
        sendJson(res, 200, { status: 'ready', store: store.kind });
      } catch {
        sendJson(res, 503, { status: 'not ready', store: store.kind });
      }
    },
  });

  if (config.PUBLIC_BASE_URL) {
    http.addRoute({ method: 'GET', path: `${CALENDAR_PATH_PREFIX}*`, handler: reminders.calendarHandler });
  }
  reminders.start();

  return {
    config,
    engine,
    store,
    reminders,
    translator,
    clock,
    logger,
    http,
    metrics,
    perUserLimit,
    channels,
    inFlight: () => running,
    async close() {
      await http.close();
      // Channels finish the work they acknowledged (queued webhook events) before the store closes.
      await Promise.all(channels.map((channel) => channel.close?.()));
      if (running > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve));
      await parts.onClose?.();
      await reminders.close();
      await store.close();
    },
  };
}
