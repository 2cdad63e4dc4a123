/** Pieces of the benchmark: processes, the fake LINE API, the traffic, statistics. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { cpus } from 'node:os';
import { SERVER_ENV } from '../scripts/build.ts';

export const ROOT = new URL('../', import.meta.url).pathname;
export const CHANNEL_SECRET = 'bench-channel-secret';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function median(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const middle = Math.floor(finite.length / 2);
  return finite.length % 2
    ? (finite[middle] as number)
    : ((finite[middle - 1] as number) + (finite[middle] as number)) / 2;
}

/** What one load run measured, for any server and channel. */
export interface LoadResult {
  rps: number;
  /** The HTTP answer to the request. */
  ackP50: number;
  ackP99: number;
  /** Request sent → the bot's answer received; NaN when the run has no way to see answers. */
  e2eP50: number;
  e2eP99: number;
  rssMb: number;
  errors: number;
  /** Requests whose answer was awaited, and those answered. */
  sent: number;
  answered: number;
  /** At a steady rate (pacedLoad): how late the load generator itself sent, p99 (ms); else NaN. */
  generatorLagP99: number;
}

/**
 * A run's figures from autocannon's result, when each request was sent (by request key) and when
 * its answer arrived (same key, same clock).
 */
export function loadResult(
  result: {
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
    sendLagP99?: number;
  },
  timing: { sentAt: ReadonlyMap<string, number>; answeredAt?: ReadonlyMap<string, number> },
  rssMb: number,
): LoadResult {
  const turns: number[] = [];
  if (timing.answeredAt)
    for (const [key, sent] of timing.sentAt) {
      const answered = timing.answeredAt.get(key);
      if (answered !== undefined) turns.push(answered - sent);
    }
  turns.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    ackP50: result.latency.p50,
    ackP99: result.latency.p99,
    e2eP50: percentile(turns, 50),
    e2eP99: percentile(turns, 99),
    rssMb,
    errors: result.errors + result.non2xx,
    sent: timing.sentAt.size,
    answered: turns.length,
    generatorLagP99: result.sendLagP99 ?? Number.NaN,
  };
}

/** What `pacedLoad` measured, in the shape of the autocannon result fields `loadResult` reads. */
export interface PacedResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
  /** How late requests left against their schedule, p99 (ms): the load generator's own delay. */
  sendLagP99: number;
}

/**
 * Open-loop load at a steady rate: request i leaves at start + i/rate (a 1 ms timer sends those
 * due), whatever the answers, and its latency counts from that scheduled time (a slow answer
 * delays nothing, so queueing is not hidden). autocannon's overallRate is not a steady rate: each
 * connection sends its quota for the second at full speed and then waits for the next second, so
 * "half load" was full load half of the time. `nextRequest` also gets the scheduled time
 * (performance.now() clock), for turn latencies.
 */
export async function pacedLoad(options: {
  url: string;
  rate: number;
  seconds: number;
  nextRequest: (scheduledAt: number) => { path: string; body: string; headers: Record<string, string> };
}): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  const lags: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let sent = 0;
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  const total = Math.round(options.rate * options.seconds);
  const send = (scheduledAt: number) => {
    const { path, body, headers } = options.nextRequest(scheduledAt);
    lags.push(performance.now() - scheduledAt);
    const done = new Promise<void>((resolve) => {
      const req = request(`${options.url}${path}`, { method: 'POST', agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === undefined || res.statusCode >= 300) non2xx += 1;
          latencies.push(performance.now() - scheduledAt);
          resolve();
        });
      });
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * options.rate) + 1);
      while (sent < due) send(started + (sent++ * 1000) / options.rate);
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  return {
    sendLagP99: percentile(lags, 99),
    requests: { average: latencies.length / elapsed },
    latency: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
    errors,
    non2xx,
  };
}

/** A date a few days ago in Tokyo: the dialogs the traffic walks accept it as "when did you notice". */
export const NOTICED = new Date(Date.now() + 9 * 3600_000 - 5 * 86_400_000).toISOString().slice(0, 10);

/** Madoguchi's environment for the LINE runs: production mode, replies to the fake LINE API. */
export function lineServerEnv(line: { url: string }, extra: Record<string, string>): Record<string, string> {
  return {
    ...SERVER_ENV,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    LINE_CHANNEL_SECRET: CHANNEL_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: 'bench-token',
    LINE_API_BASE_URL: line.url,
    ...extra,
  };
}

export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The machine's cores, whatever this process is pinned to. `nproc` (and os.availableParallelism())
 * count only the cores the calling process may run on: once the benchmark had pinned itself to
 * core 1 (pinSelf), they said 1, nothing else was pinned, and every server ran on core 1 with the
 * load generator and the fake LINE API while core 0 sat idle.
 */
const CORES = cpus().length;

/** Pins to one core with taskset when the machine has it and more than one core. */
export function pinned(core: number, command: string[]): string[] {
  const taskset = spawnSync('taskset', ['--version']).status === 0;
  return taskset && CORES > 1 ? ['taskset', '-c', String(core), ...command] : command;
}

export function pinSelf(core: number): void {
  spawnSync('taskset', ['-pc', String(core), String(process.pid)]);
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the first 200 on the readiness route. */
  startMs: number;
  rssMb(): number;
  stop(): Promise<void>;
}

export async function startServer(options: {
  command: string[];
  env: Record<string, string>;
  readyPath: string;
  core: number;
}): Promise<ServerProcess> {
  const port = await freePort();
  const [program, ...args] = pinned(options.core, options.command);
  const started = performance.now();
  const child = spawn(program as string, args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr}`);
    try {
      const response = await fetch(`${url}${options.readyPath}`);
      await response.body?.cancel();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const startMs = performance.now() - started;
  return {
    child,
    url,
    startMs,
    rssMb() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
      } catch {
        return Number.NaN;
      }
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/**
 * A stand-in for the LINE Messaging API (bench/fake-line.ts, its own process on the load
 * generator's core): records when each reply token's answer arrives, on this process's
 * performance.now() clock.
 */
export async function startFakeLine() {
  const replies = new Map<string, number>();
  const [program, ...args] = pinned(1, [process.execPath, `${ROOT}bench/fake-line.ts`]);
  const child = spawn(program as string, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fake LINE API exited (${code})`)));
    child.on('message', (message: { port?: number } | Array<[string, number]>) => {
      if (Array.isArray(message)) {
        for (const [token, at] of message) replies.set(token, at - performance.timeOrigin);
      } else if (message.port) resolve(message.port);
    });
  });
  child.removeAllListeners('exit');
  return {
    url: `http://127.0.0.1:${port}`,
    replies,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send('close');
      }),
  };
}

/**
 * What users send: free text in several languages that starts a dialog, then the buttons and the
 * date that walk it to its summary, then the menu — one step per request, users in turn.
 */
export const OPENINGS = [
  'I lost my residence card',
  "j'ai perdu ma carte de séjour",
  '在留カードをなくしました',
  'mất thẻ cư trú rồi',
  'perdi meu cartão de residência',
  '我的在留卡丢了',
  'nawala ko ang residence card ko',
  'saya kehilangan kartu izin tinggal',
];

export function createTraffic(users: number, noticed: string, userPrefix = 'U') {
  const step = new Uint8Array(users);
  let next = 0;
  let sequence = 0;
  const sentAt = new Map<string, number>();
  const script = (user: number, stage: number) => {
    switch (stage) {
      case 0:
        return {
          type: 'message',
          message: {
            id: `m${sequence}`,
            type: 'text',
            text: OPENINGS[user % OPENINGS.length],
            quoteToken: 'q',
          },
        };
      case 1:
        return { type: 'postback', postback: { data: 'lost' } };
      case 2:
        return { type: 'postback', postback: { data: 'date-picker', params: { date: noticed } } };
      case 3:
      case 4:
        return { type: 'postback', postback: { data: 'no' } };
      default:
        return { type: 'postback', postback: { data: 'cmd:menu' } };
    }
  };
  /** The next signed webhook request; remembers when it was sent, by reply token. */
  function nextRequest(): { body: string; headers: Record<string, string>; token: string } {
    const user = next;
    next = (next + 1) % users;
    const stage = step[user] as number;
    step[user] = (stage + 1) % 6;
    sequence += 1;
    const token = `${userPrefix}r${sequence}`;
    const event = {
      ...script(user, stage),
      webhookEventId: `E${sequence}${Date.now()}`,
      deliveryContext: { isRedelivery: false },
      timestamp: Date.now(),
      source: { type: 'user', userId: `${userPrefix}${user.toString(16).padStart(32, '0')}` },
      replyToken: token,
      mode: 'active',
    };
    const body = JSON.stringify({ destination: 'Ubench', events: [event] });
    const signature = createHmac('sha256', CHANNEL_SECRET).update(body).digest('base64');
    return { body, token, headers: { 'content-type': 'application/json', 'x-line-signature': signature } };
  }
  return { nextRequest, sentAt };
}
