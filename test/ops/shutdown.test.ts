/**
 * SIGTERM with a turn in flight: the server, from its sources (`node src/main.ts`) and as `npm start`
 * runs it (the production bundle of scripts/build.ts), stops taking requests, finishes the turn —
 * its answer reaches LINE — then exits 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/build.ts';
import { CHANNEL_SECRET, fixtureEvent, sign, webhookBody } from '../channels/line/line-app.ts';

const PROFILE_DELAY_MS = 1_500;

let child: ChildProcess | undefined;
let stub: Server | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await new Promise((resolve) => (stub ? stub.close(resolve) : resolve(undefined)));
  child = undefined;
  stub = undefined;
});

/** A LINE API stand-in whose profile endpoint is slow: the follow turn waits on it. */
async function slowLine() {
  const calls: string[] = [];
  let profileRequested: () => void = () => {};
  const profileSeen = new Promise<void>((resolve) => {
    profileRequested = resolve;
  });
  stub = createServer((req, res) => {
    const path = req.url ?? '';
    calls.push(path);
    req.resume();
    const answer = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path.startsWith('/v2/bot/profile/')) {
      profileRequested();
      setTimeout(() => answer({ userId: 'U', displayName: 'x', language: 'en' }), PROFILE_DELAY_MS);
    } else answer({});
  });
  await new Promise<void>((resolve) => stub?.listen(0, '127.0.0.1', resolve));
  const address = stub.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { base: `http://127.0.0.1:${port}`, calls, profileSeen };
}

function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      const value = check();
      if (value !== undefined) resolve(value);
      else if (Date.now() - started > timeoutMs) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 20);
    };
    poll();
  });
}

// One folder below the root, like dist/ (src/paths.ts relies on it).
const bundleDir = join(import.meta.dirname, '../..', `.dist-test-${process.pid}`);
beforeAll(() => buildServer(bundleDir), 60_000);
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

describe.each([
  ['the sources', () => 'src/main.ts'],
  ['the production bundle', () => join(bundleDir, 'main.js')],
])('SIGTERM with a turn in flight, from %s', (_name, entry) => {
  it('finishes the turn, sends its answer, then exits 0', async () => {
    const line = await slowLine();
    child = spawn(process.execPath, [entry()], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_PATH: ':memory:',
        LOG_LEVEL: 'info',
        LINE_CHANNEL_SECRET: CHANNEL_SECRET,
        LINE_CHANNEL_ACCESS_TOKEN: 'test-line-access-token',
        LINE_API_BASE_URL: line.base,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += String(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
    const port = await waitFor('the listening log line', () => {
      const match = /"port":(\d+)/.exec(output);
      return match ? Number(match[1]) : undefined;
    });

    const body = webhookBody([fixtureEvent('follow')]);
    const response = await fetch(`http://127.0.0.1:${port}/line/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) },
      body,
    });
    expect(response.status).toBe(200);
    await line.profileSeen;
    child.kill('SIGTERM');

    expect(await exited).toBe(0);
    // The greeting went out after the slow profile call, before the exit.
    expect(line.calls.some((path) => path === '/v2/bot/message/reply')).toBe(true);
    expect(output).toContain('"msg":"stopped"');
  }, 30_000);
});
