/**
 * The app as deployed: configuration from the environment, the real content, dialogs, locales and
 * language understanding, and every channel. `npm start`, the console chat and the benchmarks all
 * build it here, so they run exactly the same thing.
 */
import { loadContent } from '../content/index.ts';
import { DIALOGS } from '../dialogs/index.ts';
import { type App, type AppParts, createApp } from './app.ts';
import { registerChannels } from './channels/index.ts';
import { loadConfig } from './config.ts';
import { createHandoff } from './escalation/handoff.ts';
import { createOperatorWebhook } from './escalation/operator-webhook.ts';
import { createTranslator } from './i18n/index.ts';
import { createLogger } from './logger.ts';
import { createNluUnderstanding } from './nlu/understanding.ts';

export async function createProductionApp(overrides: Partial<AppParts> = {}): Promise<App> {
  const config = overrides.config ?? loadConfig();
  const content = loadContent();
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const translator =
    overrides.translator ??
    createTranslator({
      onMissingKey: (lng, key) => logger.error({ lng, key }, 'i18n: missing translation key'),
    });
  const webhook =
    config.HANDOFF_WEBHOOK_URL && config.HANDOFF_WEBHOOK_SECRET
      ? createOperatorWebhook({
          url: config.HANDOFF_WEBHOOK_URL,
          secret: config.HANDOFF_WEBHOOK_SECRET,
          logger,
        })
      : undefined;
  const app = createApp({
    config,
    content,
    dialogs: DIALOGS,
    logger,
    translator,
    handoff: createHandoff(content, { translator, ...(webhook ? { webhook } : {}) }),
    ...(webhook ? { onClose: () => webhook.drain() } : {}),
    understanding: createNluUnderstanding(),
    ...overrides,
  });
  registerChannels(app);
  return app;
}
