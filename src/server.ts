/**
 * `npm start`: the HTTP server with every configured channel, on the embedded SQLite store unless
 * configured otherwise. Stops gracefully on SIGTERM/SIGINT: no new requests, in-flight turns
 * finish, stores close.
 */
import { createProductionApp } from './production.ts';

const started = performance.now();
let app: Awaited<ReturnType<typeof createProductionApp>>;
try {
  app = await createProductionApp();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const port = await app.http.listen(app.config.PORT, app.config.HOST);
app.logger.info(
  {
    port,
    store: app.store.kind,
    languages: app.translator.languages.length,
    ms: Math.round(performance.now() - started),
  },
  `Madoguchi listening on http://${app.config.HOST}:${port}`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.logger.info({ signal, inFlight: app.inFlight() }, 'shutting down: finishing in-flight turns');
  const timer = setTimeout(() => {
    app.logger.error('shutdown grace period elapsed; exiting');
    process.exit(1);
  }, app.config.SHUTDOWN_GRACE_MS);
  timer.unref();
  await app.close();
  app.logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
