/**
 * The production app (real dialogs, content and locales) with Direct Line on, served in-process on
 * an ephemeral port, and the real `botframework-directlinejs` client pointed at it. The client needs
 * XMLHttpRequest, which Node lacks: `xhr2` provides it (tests only).
 */
import { createRequire } from 'node:module';
import { DirectLine } from 'botframework-directlinejs';
import type { Clock } from '../../../src/clock.ts';
import { loadConfig } from '../../../src/config.ts';
import { createProductionApp } from '../../../src/production.ts';
import type { Store } from '../../../src/store/types.ts';

(globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest ??= createRequire(import.meta.url)('xhr2');

export const SECRET = 'test-directline-secret-0123456789abcdef';
/** A Wednesday, as in the lost-card dialog's tests. */
export const NOW = '2026-11-25T10:00:00+09:00';

export interface DirectLineAppOptions {
  store?: Store;
  clock?: Clock;
  env?: Record<string, string>;
}

export async function startDirectLineApp(options: DirectLineAppOptions = {}) {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_PATH: ':memory:',
    MADOGUCHI_NOW: NOW,
    DIRECTLINE_SECRET: SECRET,
    ...options.env,
  });
  const app = await createProductionApp({
    config,
    ...(options.store ? { store: options.store } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const port = await app.http.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  return { app, base, domain: `${base}/directline` };
}

/** The real client against our server. */
export function connect(
  domain: string,
  options: { token: string; conversationId?: string; watermark?: string; webSocket: boolean },
) {
  return new DirectLine({ domain, pollingInterval: 200, ...options });
}

/** An activity as the client hands it over: the fields the tests read. */
export interface ClientActivity {
  type: string;
  id?: string;
  text?: string;
  locale?: string;
  replyToId?: string;
  from: { id: string; role?: string };
  conversation?: { id: string };
  channelData?: { clientActivityID?: string; dir?: string };
  suggestedActions?: { actions: Array<{ type: string; value: unknown }> };
  attachments?: Array<{ contentType: string; content: unknown }>;
}

/** Collects the bot's activities until `predicate` holds (or fails after `timeoutMs`). */
export function botActivities(
  client: DirectLine,
  predicate: (activities: ClientActivity[]) => boolean,
  timeoutMs = 5_000,
): Promise<ClientActivity[]> {
  return new Promise((resolve, reject) => {
    const seen: ClientActivity[] = [];
    const timer = setTimeout(() => {
      subscription.unsubscribe();
      reject(
        new Error(
          `timed out with ${seen.length} activities: ${JSON.stringify(seen.map((a) => (a.type === 'message' ? a.text : a.type)))}`,
        ),
      );
    }, timeoutMs);
    const subscription = client.activity$.subscribe((activity) => {
      seen.push(activity as unknown as ClientActivity);
      if (predicate(seen)) {
        clearTimeout(timer);
        subscription.unsubscribe();
        resolve(seen);
      }
    });
  });
}
