/**
 * What operators see at `GET /metrics` (Prometheus text format, prom-client): which procedures
 * people ask about, in which languages, and where the bot fails them. Aggregate counts only: every
 * label takes a few known values (channel, dialog id, language code, outcome, reason, route) and
 * never a user key, text or date. Other modules increment the named counters through `app.metrics`
 * (e.g. `app.metrics.rateLimited.inc({ limit: 'user' })`; `remindersSent` by the reminders service).
 */
import { timingSafeEqual } from 'node:crypto';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { TurnInfo } from './engine/engine.ts';
import { HttpError, type Route } from './http/server.ts';
import type { Store } from './store/types.ts';

export type ErrorKind = 'turn' | 'store' | 'http' | 'delivery';
export type WebhookOutcome = 'accepted' | 'ignored' | 'rate-limited' | 'refused' | 'unavailable';

export interface Metrics {
  readonly registry: Registry;
  readonly turns: Counter<'channel' | 'dialog' | 'outcome'>;
  readonly turnsByLanguage: Counter<'language'>;
  /** `unsure`: "did you mean" with guesses; `fallback`: not understood at all. */
  readonly notUnderstood: Counter<'kind' | 'language'>;
  readonly turnDuration: Histogram<'channel'>;
  readonly escalations: Counter<'reason'>;
  readonly errors: Counter<'kind'>;
  readonly storeDuration: Histogram<'operation'>;
  readonly webhookEvents: Counter<'channel' | 'outcome'>;
  readonly remindersSent: Counter<'channel'>;
  readonly rateLimited: Counter<'limit'>;
  readonly httpResponses: Counter<'route' | 'status'>;
  /** The engine's `onTurn` hook. */
  recordTurn(info: TurnInfo): void;
  /** The HTTP server's `onResponse` hook. */
  recordResponse(info: { route: string; status: number }): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  // Process CPU, memory, event-loop lag, GC: aggregate by nature.
  collectDefaultMetrics({ register: registry, prefix: 'madoguchi_' });
  const registers = [registry];
  const turns = new Counter({
    name: 'madoguchi_turns_total',
    help: 'Turns handled, by channel, dialog after the turn (none outside a dialog) and outcome',
    labelNames: ['channel', 'dialog', 'outcome'] as const,
    registers,
  });
  const turnsByLanguage = new Counter({
    name: 'madoguchi_turns_by_language_total',
    help: 'Turns handled, by the language answered in',
    labelNames: ['language'] as const,
    registers,
  });
  const notUnderstood = new Counter({
    name: 'madoguchi_not_understood_total',
    help: 'Messages the bot could not act on: unsure (offered guesses) or fallback (no guess), by language',
    labelNames: ['kind', 'language'] as const,
    registers,
  });
  const turnDuration = new Histogram({
    name: 'madoguchi_turn_duration_seconds',
    help: 'Time to handle one turn (lock, restore, step, render, persist), by channel',
    labelNames: ['channel'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const escalations = new Counter({
    name: 'madoguchi_escalations_total',
    help: 'Hand-offs to a person, by reason',
    labelNames: ['reason'] as const,
    registers,
  });
  const errors = new Counter({
    name: 'madoguchi_errors_total',
    help: 'Failures by kind: turn (a dialog crashed), store, http (5xx answered), delivery (channel API)',
    labelNames: ['kind'] as const,
    registers,
  });
  const storeDuration = new Histogram({
    name: 'madoguchi_store_operation_duration_seconds',
    help: 'Store operation latency, by operation',
    labelNames: ['operation'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers,
  });
  const webhookEvents = new Counter({
    name: 'madoguchi_webhook_events_total',
    help: 'Webhook events received, by channel and outcome (accepted, ignored, rate-limited, refused, unavailable)',
    labelNames: ['channel', 'outcome'] as const,
    registers,
  });
  const remindersSent = new Counter({
    name: 'madoguchi_reminders_sent_total',
    help: 'Deadline reminders sent, by channel',
    labelNames: ['channel'] as const,
    registers,
  });
  const rateLimited = new Counter({
    name: 'madoguchi_rate_limited_total',
    help: 'Requests or events refused by a rate limit, by limit (ip, user)',
    labelNames: ['limit'] as const,
    registers,
  });
  const httpResponses = new Counter({
    name: 'madoguchi_http_responses_total',
    help: 'HTTP responses by registered route and status code',
    labelNames: ['route', 'status'] as const,
    registers,
  });

  return {
    registry,
    turns,
    turnsByLanguage,
    notUnderstood,
    turnDuration,
    escalations,
    errors,
    storeDuration,
    webhookEvents,
    remindersSent,
    rateLimited,
    httpResponses,
    recordTurn(info) {
      turns.inc({ channel: info.channel, dialog: info.dialog ?? 'none', outcome: info.outcome });
      if (info.outcome === 'duplicate') return;
      turnsByLanguage.inc({ language: info.language });
      turnDuration.observe({ channel: info.channel }, info.ms / 1000);
      if (info.outcome === 'unsure' || info.outcome === 'not-understood') {
        notUnderstood.inc({
          kind: info.outcome === 'unsure' ? 'unsure' : 'fallback',
          language: info.language,
        });
      }
      if (info.handoff) escalations.inc({ reason: info.handoff });
      if (info.outcome === 'error') errors.inc({ kind: 'turn' });
    },
    recordResponse({ route, status }) {
      httpResponses.inc({ route, status: String(status) });
      if (status >= 500) errors.inc({ kind: 'http' });
      if (status === 429) rateLimited.inc({ limit: 'ip' });
    },
  };
}

/** The store with each operation timed, and failures counted as `errors{kind="store"}`. */
export function instrumentStore(store: Store, metrics: Metrics): Store {
  // One labels object per operation, and performance.now() rather than prom-client's startTimer
  // (a closure, an hrtime pair and a labels copy per call): the store is called ~7 times a turn.
  const labels = new Map<string, { operation: string }>();
  async function timed<T>(operation: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await run();
    } catch (error) {
      metrics.errors.inc({ kind: 'store' });
      throw error;
    } finally {
      let labelled = labels.get(operation);
      if (!labelled) {
        labelled = { operation };
        labels.set(operation, labelled);
      }
      metrics.storeDuration.observe(labelled, (performance.now() - started) / 1000);
    }
  }
  return {
    kind: store.kind,
    get: (key) => timed('get', () => store.get(key)),
    save: (key, value, options) => timed('save', () => store.save(key, value, options)),
    delete: (key) => timed('delete', () => store.delete(key)),
    lock: (key, options) => timed('lock', () => store.lock(key, options)),
    hasSeen: (id) => timed('hasSeen', () => store.hasSeen(id)),
    markSeen: (id) => timed('markSeen', () => store.markSeen(id)),
    inboxAdd: (item) => timed('inboxAdd', () => store.inboxAdd(item)),
    inboxRemove: (id) => timed('inboxRemove', () => store.inboxRemove(id)),
    inboxPending: (olderThanMs, limit, channels) =>
      timed('inboxPending', () => store.inboxPending(olderThanMs, limit, channels)),
    logAppend: (log, entries) => timed('logAppend', () => store.logAppend(log, entries)),
    logRead: (log, from, limit) => timed('logRead', () => store.logRead(log, from, limit)),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}

export const METRICS_PATH = '/metrics';

/** `GET /metrics`; with a token, only for `Authorization: Bearer <token>` (compared in constant time). */
export function metricsRoute(metrics: Metrics, token: string | undefined): Route {
  return {
    method: 'GET',
    path: METRICS_PATH,
    handler: async (req, res) => {
      if (token && !sameSecret(req.headers.authorization ?? '', `Bearer ${token}`)) {
        throw new HttpError(401, 'metrics need a bearer token', { 'www-authenticate': 'Bearer' });
      }
      const body = await metrics.registry.metrics();
      res.writeHead(200, {
        'content-type': metrics.registry.contentType,
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
