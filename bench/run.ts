/**
 * `npm run bench [-- --quick] [-- --json] [-- --save] [-- --profile [--seconds N]]`: Madoguchi's LINE webhook against a bare
 * node:http server doing only the signature check and JSON.parse, on loopback, each server pinned
 * to one core and the load generator on the other. Runs interleave (A B A B…) and the table shows
 * medians, since these machines are noisy. See bench/README.md for what is measured and how.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { buildServer, SERVER_COMMAND } from '../scripts/build.ts';
import { type DirectLineRun, runDirectLine } from './directline.ts';
import {
  CHANNEL_SECRET,
  createTraffic,
  type LoadResult,
  lineServerEnv,
  loadResult,
  median,
  NOTICED,
  pacedLoad,
  pinSelf,
  type ServerProcess,
  startFakeLine,
  startServer,
} from './lib.ts';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    save: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    seconds: { type: 'string' },
  },
});
const quick = flags.quick ?? false;
const log = (line: string) => {
  if (!flags.json) process.stderr.write(`${line}\n`);
};

if (flags.profile) {
  // Only the profile: see bench/profile.ts.
  const { runProfile } = await import('./profile.ts');
  await runProfile(Number(flags.seconds ?? 8), log);
  process.exit(0);
}

const SECONDS = quick ? 3 : 10;
const WARMUP_SECONDS = quick ? 1 : 3;
/**
 * The 1k/1M runs start fresh servers and compare steady states: on a pinned core, V8's optimising
 * compiler still stalls the server for 40-70 ms at a few points in its first ~7 s of traffic (at
 * ~1,100 req/s; --trace-gc shows no GC pause that long, and with a 15 s warmup 18 of 10,880
 * requests were over 60 ms instead of 280-400), which made the p99 of a 10 s run a start-up figure.
 */
const SCALE_WARMUP_SECONDS = quick ? 1 : 15;
/**
 * Half load is a steady state, measured after this long at that rate: in the first ~10 s after the
 * full-load run the server still pays for it (in a scratch harness at 1,500 req/s, seven 20 s runs,
 * two of them with V8's memory reducer off, which changed nothing measurable: p99 30.6-54.1 ms over
 * the first 10 s, 10.6-27.1 ms over the next 10 s; the extra stalls were mark-compacts and a few
 * stalls near no GC of the server's). That first stretch is measured too and reported beside the
 * table, not in it.
 */
const SETTLE_SECONDS = quick ? 2 : 10;
const ROUNDS = quick ? 1 : 3;
const CONNECTIONS = 10;
const USERS = quick ? 2_000 : 20_000;
const DIRECTLINE_CONVERSATIONS = quick ? 200 : 500;
const SCALE = quick ? [1_000, 100_000] : [1_000, 1_000_000];
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// Madoguchi runs as `npm start` runs it: the production bundle (scripts/build.ts).
await buildServer();
const work = join(tmpdir(), `madoguchi-bench-${process.pid}`);
mkdirSync(work, { recursive: true });
pinSelf(1);

/**
 * One load run: as fast as 10 connections go (autocannon), or at a steady `rate` (pacedLoad, for
 * the latency at half load and at scale).
 */
async function drive(
  server: ServerProcess,
  line: Awaited<ReturnType<typeof startFakeLine>> | undefined,
  options: { seconds: number; rate?: number; userPrefix: string },
): Promise<LoadResult> {
  const traffic = createTraffic(USERS, NOTICED, options.userPrefix);
  let rss = 0;
  const sampler = setInterval(() => {
    rss = Math.max(rss, server.rssMb());
  }, 200);
  const result = options.rate
    ? await pacedLoad({
        url: server.url,
        rate: options.rate,
        seconds: options.seconds,
        nextRequest: (scheduledAt) => {
          const next = traffic.nextRequest();
          traffic.sentAt.set(next.token, scheduledAt);
          return { ...next, path: '/line/webhook' };
        },
      })
    : await autocannon({
        url: server.url,
        connections: CONNECTIONS,
        duration: options.seconds,
        requests: [
          {
            method: 'POST',
            path: '/line/webhook',
            setupRequest: (request) => {
              const next = traffic.nextRequest();
              traffic.sentAt.set(next.token, performance.now());
              return { ...request, body: next.body, headers: next.headers };
            },
          },
        ],
      });
  // Let the last turns reach the fake LINE API.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  clearInterval(sampler);
  return loadResult(result, { sentAt: traffic.sentAt, ...(line ? { answeredAt: line.replies } : {}) }, rss);
}

/**
 * The reference servers, on the same traffic: the bare baseline, the bare relay (the baseline plus
 * one reply POST per event) and the reference bot, the `@line/bot-sdk` echo bot on express
 * (bench/echo-bot.ts). The last two reply to the fake LINE API.
 */
const REFERENCES = {
  baseline: { script: 'bench/baseline-server.ts', replies: false },
  relay: { script: 'bench/baseline-server.ts', replies: true },
  echoBot: { script: 'bench/echo-bot.ts', replies: true },
} as const;

async function runReference(kind: keyof typeof REFERENCES): Promise<{ start: number; load: LoadResult }> {
  const { script, replies } = REFERENCES[kind];
  const line = replies ? await startFakeLine() : undefined;
  const server = await startServer({
    command: [process.execPath, script],
    env: { LINE_CHANNEL_SECRET: CHANNEL_SECRET, ...(line ? { LINE_API_BASE_URL: line.url } : {}) },
    readyPath: '/healthz',
    core: 0,
  });
  try {
    await drive(server, line, { seconds: WARMUP_SECONDS, userPrefix: 'W' });
    return {
      start: server.startMs,
      load: await drive(server, line, { seconds: SECONDS, userPrefix: 'U' }),
    };
  } finally {
    await server.stop();
    await line?.close();
  }
}

async function runMadoguchi(
  round: number,
  store: 'sqlite' | 'redis',
): Promise<{
  start: number;
  load: LoadResult;
  halfLoad: LoadResult;
  settling: LoadResult;
  storage?: { json: number; file: number; rows: number };
}> {
  const line = await startFakeLine();
  const database = join(work, `round-${round}-${store}.db`);
  const prefix = `madoguchi-bench:${process.pid}:${round}:`;
  const server = await startServer({
    command: [process.execPath, ...SERVER_COMMAND],
    env: lineServerEnv(
      line,
      store === 'redis' ? { REDIS_URL, REDIS_KEY_PREFIX: prefix } : { DATABASE_PATH: database },
    ),
    readyPath: '/readyz',
    core: 0,
  });
  try {
    await drive(server, line, { seconds: WARMUP_SECONDS, userPrefix: 'W' });
    const load = await drive(server, line, { seconds: SECONDS, userPrefix: 'U' });
    const rate = Math.max(1, Math.round(load.rps / 2));
    const settling = await drive(server, line, { seconds: SETTLE_SECONDS, rate, userPrefix: 'S' });
    const halfLoad = await drive(server, line, { seconds: SECONDS, rate, userPrefix: 'H' });
    let storage: { json: number; file: number; rows: number } | undefined;
    if (store === 'sqlite') {
      await server.stop();
      const db = new DatabaseSync(database, { readOnly: true });
      const row = db.prepare('SELECT count(*) AS rows, avg(length(value)) AS json FROM sessions').get() as {
        rows: number;
        json: number;
      };
      db.close();
      storage = { rows: row.rows, json: row.json, file: statSync(database).size / row.rows };
    }
    return { start: server.startMs, load, halfLoad, settling, ...(storage ? { storage } : {}) };
  } finally {
    await server.stop();
    await line.close();
    if (store === 'redis') await deleteRedisPrefix(prefix);
  }
}

async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

/** Fills a store file with `count` finished conversations shaped like real ones. */
function seedConversations(path: string, count: number, sample: string): void {
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA journal_mode = WAL;
    CREATE TABLE IF NOT EXISTS sessions (key TEXT PRIMARY KEY, value TEXT NOT NULL, version INTEGER NOT NULL, touched_at INTEGER NOT NULL) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS sessions_touched_at ON sessions (touched_at);`);
  const insert = db.prepare('INSERT INTO sessions (key, value, version, touched_at) VALUES (?, ?, 6, ?)');
  const now = Date.now();
  db.exec('BEGIN');
  for (let i = 0; i < count; i += 1) {
    insert.run(`line:S${i.toString(16).padStart(32, '0')}`, sample, now - (i % 86_400_000));
    if (i % 100_000 === 99_999) {
      db.exec('COMMIT');
      db.exec('BEGIN');
    }
  }
  db.exec('COMMIT');
  db.close();
}

async function runScaling(stored: number, sample: string, rate: number): Promise<LoadResult> {
  const database = join(work, `scale-${stored}.db`);
  seedConversations(database, stored, sample);
  const line = await startFakeLine();
  const server = await startServer({
    command: [process.execPath, ...SERVER_COMMAND],
    env: lineServerEnv(line, { DATABASE_PATH: database }),
    readyPath: '/readyz',
    core: 0,
  });
  try {
    await drive(server, line, { seconds: SCALE_WARMUP_SECONDS, rate, userPrefix: 'W' });
    return await drive(server, line, { seconds: SECONDS, rate, userPrefix: 'U' });
  } finally {
    await server.stop();
    await line.close();
    rmSync(database, { force: true });
    rmSync(`${database}-wal`, { force: true });
    rmSync(`${database}-shm`, { force: true });
  }
}

// Node's compile cache (src/main.ts) is filled by the first start after a build, as on a deployed
// server's first start; every later start reads it. That first, cold start is measured once here
// and reported apart, so that the rounds all measure the usual, warm start.
const coldStart = await (async () => {
  const line = await startFakeLine();
  const server = await startServer({
    command: [process.execPath, ...SERVER_COMMAND],
    env: lineServerEnv(line, { DATABASE_PATH: join(work, 'cold-start.db') }),
    readyPath: '/readyz',
    core: 0,
  });
  await server.stop();
  await line.close();
  return server.startMs;
})();

const baseline: Array<Awaited<ReturnType<typeof runReference>>> = [];
const relay: Array<Awaited<ReturnType<typeof runReference>>> = [];
const echoBot: Array<Awaited<ReturnType<typeof runReference>>> = [];
const sqlite: Array<Awaited<ReturnType<typeof runMadoguchi>>> = [];
const redis: Array<Awaited<ReturnType<typeof runMadoguchi>>> = [];
const directline: DirectLineRun[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  log(`round ${round + 1}/${ROUNDS}: baseline`);
  baseline.push(await runReference('baseline'));
  log(`round ${round + 1}/${ROUNDS}: bare relay`);
  relay.push(await runReference('relay'));
  log(`round ${round + 1}/${ROUNDS}: @line/bot-sdk echo bot on express`);
  echoBot.push(await runReference('echoBot'));
  log(`round ${round + 1}/${ROUNDS}: madoguchi (embedded SQLite)`);
  sqlite.push(await runMadoguchi(round, 'sqlite'));
  log(`round ${round + 1}/${ROUNDS}: madoguchi (Redis)`);
  redis.push(await runMadoguchi(round, 'redis'));
  log(`round ${round + 1}/${ROUNDS}: madoguchi (/directline, widget flow)`);
  directline.push(
    await runDirectLine({
      database: join(work, `round-${round}-directline.db`),
      conversations: DIRECTLINE_CONVERSATIONS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      settleSeconds: SETTLE_SECONDS,
      connections: CONNECTIONS,
      noticed: NOTICED,
    }),
  );
}

// A finished conversation as Madoguchi stores it, to seed the scaling runs.
const sampleDb = new DatabaseSync(join(work, 'round-0-sqlite.db'), { readOnly: true });
const sample =
  (
    sampleDb.prepare('SELECT value FROM sessions WHERE value LIKE \'%"done":true%\' LIMIT 1').get() as
      | { value: string }
      | undefined
  )?.value ?? (sampleDb.prepare('SELECT value FROM sessions LIMIT 1').get() as { value: string }).value;
sampleDb.close();
const scaleRate = Math.max(50, Math.round(median(sqlite.map((r) => r.load.rps)) / 2));
const scaling: Record<string, LoadResult> = {};
for (const stored of SCALE) {
  log(`turn latency with ${stored.toLocaleString('en')} stored conversations (${scaleRate} req/s)`);
  scaling[stored] = await runScaling(stored, sample, scaleRate);
}
rmSync(work, { recursive: true, force: true });

const summarize = (
  runs: Array<{ start: number; load: LoadResult; halfLoad?: LoadResult; settling?: LoadResult }>,
) => ({
  rps: median(runs.map((r) => r.load.rps)),
  ackP50: median(runs.map((r) => r.load.ackP50)),
  ackP99: median(runs.map((r) => r.load.ackP99)),
  e2eP50: median(runs.map((r) => r.load.e2eP50)),
  e2eP99: median(runs.map((r) => r.load.e2eP99)),
  halfLoadE2eP99: median(runs.map((r) => r.halfLoad?.e2eP99 ?? Number.NaN)),
  halfLoadRps: median(runs.map((r) => r.halfLoad?.rps ?? Number.NaN)),
  halfLoadGeneratorLagP99: median(runs.map((r) => r.halfLoad?.generatorLagP99 ?? Number.NaN)),
  /** The same rate's first seconds, right after the full-load run (not in the table). */
  settlingE2eP99: median(runs.map((r) => r.settling?.e2eP99 ?? Number.NaN)),
  rssMb: median(runs.map((r) => r.load.rssMb)),
  startMs: median(runs.map((r) => r.start)),
  errors: runs.reduce((sum, r) => sum + r.load.errors, 0),
});
const base = summarize(baseline);
const bareRelay = summarize(relay);
const sdkEcho = summarize(echoBot);
const embedded = summarize(sqlite);
const shared = summarize(redis);
const widget = summarize(directline);
const [few, many] = SCALE as [number, number];
const results = {
  date: new Date().toISOString(),
  quick,
  rounds: ROUNDS,
  secondsPerRun: SECONDS,
  connections: CONNECTIONS,
  users: USERS,
  baseline: base,
  /** The baseline plus one reply POST per event: the most an answering LINE bot can keep. */
  relay: bareRelay,
  relayRatio: bareRelay.rps / base.rps,
  /** The reference bot: the `@line/bot-sdk` echo bot on express (its anchor: 0.22x). */
  echoBot: sdkEcho,
  echoBotRatio: sdkEcho.rps / base.rps,
  madoguchi: embedded,
  madoguchiRedis: shared,
  throughputRatio: embedded.rps / base.rps,
  startRatio: embedded.startMs / base.startMs,
  /** The first start after a build, before Node's compile cache holds the bundle. */
  coldStartMs: coldStart,
  storage: {
    jsonBytesPerConversation: median(sqlite.map((r) => r.storage?.json ?? Number.NaN)),
    fileBytesPerConversation: median(sqlite.map((r) => r.storage?.file ?? Number.NaN)),
  },
  scaling: {
    rate: scaleRate,
    [few]: { e2eP50: scaling[few]?.e2eP50, e2eP99: scaling[few]?.e2eP99 },
    [many]: { e2eP50: scaling[many]?.e2eP50, e2eP99: scaling[many]?.e2eP99 },
    p50Ratio: (scaling[many]?.e2eP50 ?? Number.NaN) / (scaling[few]?.e2eP50 ?? Number.NaN),
  },
  directline: {
    ...widget,
    conversations: DIRECTLINE_CONVERSATIONS,
    setupMs: median(directline.map((r) => r.setupMs)),
    answered: median(directline.map((r) => r.load.answered / r.load.sent)),
  },
};

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const table = [
  `| server | requests/s | ack p50 / p99 (ms) | turn p50 / p99 (ms) | turn p99 at half load (ms) | RSS (MB) | start to ready (ms) |`,
  `| --- | --- | --- | --- | --- | --- | --- |`,
  `| bare node:http + HMAC + JSON.parse | ${f(base.rps, 0)} | ${f(base.ackP50)} / ${f(base.ackP99)} | — | — | ${f(base.rssMb, 0)} | ${f(base.startMs, 0)} |`,
  `| bare relay: the same + one reply POST per event | ${f(bareRelay.rps, 0)} (${f(results.relayRatio, 2)}×) | ${f(bareRelay.ackP50)} / ${f(bareRelay.ackP99)} | ${f(bareRelay.e2eP50)} / ${f(bareRelay.e2eP99)} | — | ${f(bareRelay.rssMb, 0)} | ${f(bareRelay.startMs, 0)} |`,
  `| @line/bot-sdk echo bot on express (the issue's reference) | ${f(sdkEcho.rps, 0)} (${f(results.echoBotRatio, 2)}×) | ${f(sdkEcho.ackP50)} / ${f(sdkEcho.ackP99)} | ${f(sdkEcho.e2eP50)} / ${f(sdkEcho.e2eP99)} | — | ${f(sdkEcho.rssMb, 0)} | ${f(sdkEcho.startMs, 0)} |`,
  `| Madoguchi, embedded SQLite | ${f(embedded.rps, 0)} (${f(results.throughputRatio, 2)}×) | ${f(embedded.ackP50)} / ${f(embedded.ackP99)} | ${f(embedded.e2eP50)} / ${f(embedded.e2eP99)} | ${f(embedded.halfLoadE2eP99)} | ${f(embedded.rssMb, 0)} | ${f(embedded.startMs, 0)} (${f(results.startRatio, 2)}×) |`,
  `| Madoguchi, Redis | ${f(shared.rps, 0)} (${f(shared.rps / base.rps, 2)}×) | ${f(shared.ackP50)} / ${f(shared.ackP99)} | ${f(shared.e2eP50)} / ${f(shared.e2eP99)} | ${f(shared.halfLoadE2eP99)} | ${f(shared.rssMb, 0)} | ${f(shared.startMs, 0)} |`,
  `| Madoguchi, /directline (widget flow) | ${f(widget.rps, 0)} (${f(widget.rps / base.rps, 2)}×) | ${f(widget.ackP50)} / ${f(widget.ackP99)} | ${f(widget.e2eP50)} / ${f(widget.e2eP99)} | ${f(widget.halfLoadE2eP99)} | ${f(widget.rssMb, 0)} | ${f(widget.startMs, 0)} |`,
  '',
  `Half load: a steady open-loop rate of half the run's throughput (SQLite ${f(embedded.halfLoadRps, 0)}, Redis ${f(shared.halfLoadRps, 0)}, Direct Line ${f(widget.halfLoadRps, 0)} req/s), measured after ${SETTLE_SECONDS} s at that rate, latency counted from each request's scheduled time; the load generator itself sent late by p99 ${f(embedded.halfLoadGeneratorLagP99)} / ${f(shared.halfLoadGeneratorLagP99)} / ${f(widget.halfLoadGeneratorLagP99)} ms. Over those first ${SETTLE_SECONDS} s, right after the full-load run, turn p99 was ${f(embedded.settlingE2eP99)} / ${f(shared.settlingE2eP99)} / ${f(widget.settlingE2eP99)} ms.`,
  `Madoguchi (embedded SQLite) ÷ the @line/bot-sdk echo bot: ${f(embedded.rps / sdkEcho.rps, 2)}× the requests/s (the issue's anchors: echo bot 0.22× of the baseline, target ≥ 0.4×, "≈ 2× the bot-sdk echo bot").`,
  `Stored per conversation: ${f(results.storage.jsonBytesPerConversation, 0)} bytes of JSON, ${f(results.storage.fileBytesPerConversation, 0)} bytes of SQLite file.`,
  `Turn latency at ${scaleRate} req/s: ${few.toLocaleString('en')} stored conversations p50 ${f(scaling[few]?.e2eP50 ?? Number.NaN)} / p99 ${f(scaling[few]?.e2eP99 ?? Number.NaN)} ms; ${many.toLocaleString('en')} stored p50 ${f(scaling[many]?.e2eP50 ?? Number.NaN)} / p99 ${f(scaling[many]?.e2eP99 ?? Number.NaN)} ms (p50 ratio ${f(results.scaling.p50Ratio, 2)}×).`,
  `Start to ready with the compile cache warm (every start after the first); the first start after a build took ${f(coldStart, 0)} ms.`,
  `Errors or non-2xx answers: baseline ${base.errors}, relay ${bareRelay.errors}, echo bot ${sdkEcho.errors}, SQLite ${embedded.errors}, Redis ${shared.errors}, Direct Line ${widget.errors}.`,
  `Direct Line: ${DIRECTLINE_CONVERSATIONS} conversations opened through the widget flow (token, conversation, WebSocket, greeting) in ${f(results.directline.setupMs, 0)} ms; ${f(results.directline.answered * 100)}% of the activities posted under load got their reply on the stream.`,
  `Medians of ${ROUNDS} interleaved round(s), ${SECONDS} s each, ${CONNECTIONS} connections, ${USERS.toLocaleString('en')} users walking the lost-card dialog in 8 languages.`,
].join('\n');

if (flags.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
else process.stdout.write(`${table}\n`);
if (flags.save) {
  mkdirSync(join(process.cwd(), 'bench/results'), { recursive: true });
  const file = join(process.cwd(), 'bench/results', `${results.date.slice(0, 10)}.md`);
  writeFileSync(file, `# Benchmark ${results.date}${quick ? ' (quick)' : ''}\n\n${table}\n`);
  log(`saved ${file}`);
}
