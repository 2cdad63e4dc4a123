/**
 * Helpers for tests that need a Redis server: where it is, a key prefix of their own (removed
 * afterwards), and a loopback TCP proxy that can cut the connection to Redis and restore it.
 * In CI a Redis runs on 127.0.0.1:6379; elsewhere start one with `redis-server --daemonize yes`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { Redis } from 'ioredis';

export const redisTestUrl = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

/** A prefix no other test run uses. */
export const uniqueRedisPrefix = (): string => `madoguchi-test:${randomUUID()}:`;

/** Fails with the fix when no Redis answers: tests that need Redis fail, they never skip. */
export async function requireRedis(): Promise<void> {
  const client = new Redis(redisTestUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `These tests need Redis at ${redisTestUrl} (set REDIS_TEST_URL to change it): start one with ` +
        `\`redis-server --daemonize yes\` or \`docker run -p 6379:6379 redis:7\`. (${(error as Error).message})`,
    );
  } finally {
    client.disconnect();
  }
}

/** An admin connection without prefix, for inspecting and cleaning up keys. */
export function redisAdmin(): Redis {
  return new Redis(redisTestUrl, { maxRetriesPerRequest: 1 });
}

/** Deletes every key under the prefix. */
export async function deleteRedisKeys(admin: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await admin.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/**
 * A TCP proxy on loopback in front of the test Redis. `cut()` drops every connection and refuses
 * new ones (as if Redis went away); `restore()` accepts again, on the same port.
 */
export interface RedisProxy {
  readonly url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startRedisProxy(): Promise<RedisProxy> {
  const target = new URL(redisTestUrl);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  let server: Server | undefined;
  let port = 0;
  const listen = async () => {
    const next = createServer((client) => {
      const upstream = tcpConnect(Number(target.port || 6379), target.hostname);
      track(client);
      track(upstream);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => next.listen(port, '127.0.0.1', resolve));
    port = (next.address() as { port: number }).port;
    server = next;
  };
  const cut = async () => {
    const current = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (current) await new Promise((resolve) => current.close(resolve));
  };
  await listen();
  const url = new URL(redisTestUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    cut,
    restore: listen,
    close: cut,
  };
}
