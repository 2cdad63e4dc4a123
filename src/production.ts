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
import { createNluUnderstanding } from './nlu/understanding.ts';

export async function createProductionApp(overrides: Partial<AppParts> = {}): Promise<App> {
  const config = overrides.config ?? loadConfig();
  const content = loadContent();
  const app = createApp({
    config,
    content,
    dialogs: DIALOGS,
    handoff: createHandoff(content),
    understanding: createNluUnderstanding(),
    ...overrides,
  });
  registerChannels(app);
  return app;
}
