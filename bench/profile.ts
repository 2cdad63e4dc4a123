/**
 * `npm run bench -- --profile [--seconds N]`: Madoguchi in production mode on the embedded SQLite
 * store under `node --cpu-prof`, driven with the benchmark's LINE traffic (10 connections, pinned
 * as in the benchmark), then a summary of the profile: where the CPU went per request, by
 * function, by package or source file, and inclusively per function of src/ and dialogs/. The
 * `.cpuprofile` file is kept for Chrome DevTools (Performance → Load profile).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createTraffic, lineServerEnv, NOTICED, pinSelf, ROOT, startFakeLine, startServer } from './lib.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export async function runProfile(seconds: number, log: (line: string) => void): Promise<void> {
  pinSelf(1);
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-profile-'));
  const line = await startFakeLine();
  const server = await startServer({
    command: [process.execPath, '--cpu-prof', `--cpu-prof-dir=${dir}`, 'src/main.ts'],
    env: lineServerEnv(line, { DATABASE_PATH: join(dir, 'profile.db') }),
    readyPath: '/readyz',
    core: 0,
  });
  const cpuMs = () => {
    const fields = readFileSync(`/proc/${server.child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const traffic = createTraffic(2_000, NOTICED, 'P');
  log(`profiling Madoguchi for ${seconds} s (start to ready ${server.startMs.toFixed(0)} ms)`);
  const cpuBefore = cpuMs();
  const result = await autocannon({
    url: server.url,
    connections: 10,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/line/webhook',
        setupRequest: (request) => {
          const next = traffic.nextRequest();
          return { ...request, body: next.body, headers: next.headers };
        },
      },
    ],
  });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const cpuUsed = Number.isFinite(cpuBefore) ? cpuMs() - cpuBefore : Number.NaN;
  await server.stop();
  await line.close();
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`bench --profile: the server wrote no profile in ${dir}`);
  const requests = result.requests.total;
  log(
    `${requests} requests (${result.requests.average.toFixed(0)}/s under the profiler), ${line.replies.size} replies; ` +
      `CPU ${(cpuUsed / 1000).toFixed(1)} s, ${((1000 * cpuUsed) / requests).toFixed(0)} µs per request`,
  );
  process.stdout.write(`${summarize(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile)}\n`);
  log(`profile: ${join(dir, file)}`);
}

/** Self time per function and per package or file, and inclusive time per function of src/ and dialogs/. */
export function summarize(profile: CpuProfile, top = 30): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const timeByNode = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    timeByNode.set(id, (timeByNode.get(id) ?? 0) + delta);
    total += delta;
  });
  const where = (url: string) =>
    url
      .replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')
      .replace(`file://${ROOT}`, '')
      .replace(/^node:internal\//, 'node:');
  const selfByFunction = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, time: number) =>
    map.set(key, (map.get(key) ?? 0) + time);
  for (const [id, time] of timeByNode) {
    const { functionName, url, lineNumber } = (byId.get(id) as ProfileNode).callFrame;
    add(
      selfByFunction,
      `${functionName || '(anonymous)'} ${where(url)}${url ? `:${lineNumber + 1}` : ''}`,
      time,
    );
    add(selfByFile, where(url) || functionName, time);
    // Each src/ or dialogs/ function on the stack, once per sample.
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const frame = (byId.get(node) as ProfileNode).callFrame;
      const path = frame.url.replace(`file://${ROOT}`, '');
      if (!/^(src|dialogs)\//.test(path)) continue;
      const key = `${frame.functionName || '(anonymous)'} ${path}`;
      if (!seen.has(key)) {
        seen.add(key);
        add(inclusive, key, time);
      }
    }
  }
  const table = (title: string, map: Map<string, number>) =>
    [
      `${title}:`,
      ...[...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([key, time]) => `${((100 * time) / total).toFixed(1).padStart(6)} %  ${key}`),
    ].join('\n');
  return [
    `Profile: ${(total / 1e6).toFixed(1)} s sampled, start-up included. "(idle)" is time the server waited;`,
    'socket writes (writeUtf8String, writev) also absorb time the thread was descheduled.',
    '',
    table('Self time by function', selfByFunction),
    '',
    table('Self time by package or file', selfByFile),
    '',
    table('Inclusive time, functions of src/ and dialogs/', inclusive),
  ].join('\n');
}
