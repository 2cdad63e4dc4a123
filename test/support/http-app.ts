/**
 * The app (fixture dialog, memory store) served in-process on an ephemeral port, with the given
 * environment: for tests of the HTTP layer (headers, limits, metrics, error path).
 */
import { type App, createApp } from '../../src/app.ts';
import { fixedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import type { Logger } from '../../src/logger.ts';
import { fixtureDialog } from './fixture-dialog.ts';
import { silentLogger } from './harness.ts';

export async function startHttpApp(
  env: Record<string, string> = {},
  options: { setup?: (app: App) => void; logger?: Logger } = {},
) {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: ':memory:', ...env });
  const app = createApp({
    config,
    content: {},
    dialogs: [fixtureDialog],
    handoff: () => [],
    clock: fixedClock('2026-11-25T10:00:00+09:00'),
    logger: options.logger ?? silentLogger(),
  });
  options.setup?.(app);
  const port = await app.http.listen(0, '127.0.0.1');
  return { app, base: `http://127.0.0.1:${port}`, close: () => app.close() };
}
