/**
 * `npm run chat -- [--lang fr] [--json] [--user KEY]`: chat with Madoguchi in the terminal, on the
 * configured store (the embedded SQLite file by default, so a second run resumes the conversation).
 */
import { parseArgs } from 'node:util';
import { runConsoleChat } from '../channels/console/console-chat.ts';
import { createLogger } from '../logger.ts';
import { createProductionApp } from '../production.ts';

const usage = 'usage: npm run chat -- [--lang <code>] [--json] [--user <key>]';
let values: { lang?: string; json?: boolean; user?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      lang: { type: 'string' },
      json: { type: 'boolean', default: false },
      user: { type: 'string', default: 'local' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}

let app: Awaited<ReturnType<typeof createProductionApp>>;
try {
  // Logs go to stderr so that --json output stays one message per line.
  app = await createProductionApp({ logger: createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr) });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
try {
  // Reminders due since the last run go into the console's mailbox, shown by the opening turn.
  await app.reminders.runDue();
  await runConsoleChat({
    engine: app.engine,
    input: process.stdin,
    output: process.stdout,
    json: values.json ?? false,
    userKey: values.user ?? 'local',
    ...(values.lang ? { language: values.lang } : {}),
  });
} finally {
  if (!values.json) process.stdout.write('\n');
  await app.close();
}
