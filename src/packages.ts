/**
 * Packages loaded on first use instead of at start: each is only needed by a part of Madoguchi that
 * a deployment may not use (Redis with REDIS_URL, the Bot Framework SDK for a token to check or a
 * reply to send, chrono-node for a written-out date, tinyld for text in a language we lack). Loaded at start they cost ~500 ms and ~50 MB
 * (measured with --cpu-prof and process.memoryUsage() on `npm start` with LINE and SQLite).
 * `require()` keeps the callers synchronous; these packages all ship CommonJS builds.
 */
import { createRequire } from 'node:module';
import type * as AgentsActivity from '@microsoft/agents-activity';
import type * as AgentsHosting from '@microsoft/agents-hosting';
import type * as BullMQ from 'bullmq';
import type * as Chrono from 'chrono-node';
import type * as IORedis from 'ioredis';
import type * as TinyldLight from 'tinyld/light';

const load = createRequire(import.meta.url);

function lazy<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= load(name) as T;
    return loaded;
  };
}

export const ioredis = lazy<typeof IORedis>('ioredis');
export const bullmq = lazy<typeof BullMQ>('bullmq');
export const agentsHosting = lazy<typeof AgentsHosting>('@microsoft/agents-hosting');
export const agentsActivity = lazy<typeof AgentsActivity>('@microsoft/agents-activity');
export const chrono = lazy<typeof Chrono>('chrono-node');
export const tinyldLight = lazy<typeof TinyldLight>('tinyld/light');
