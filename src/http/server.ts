/**
 * The HTTP server: plain `node:http` with a small exact-path router. Channels add their routes;
 * the server owns health checks, body limits, the one error handler and graceful shutdown.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logger.ts';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

export interface Route {
  method: string;
  /** An exact path, or a prefix ending in `/*`. */
  path: string;
  handler: Handler;
}

export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

export const DEFAULT_BODY_LIMIT = 256 * 1024;

/** Reads the raw body, refusing (413) anything over `limit` bytes without buffering it all. */
export function readBody(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(new HttpError(413, 'request body too large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpError(413, 'request body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(json);
}

export interface HttpServer {
  readonly server: Server;
  addRoute(route: Route): void;
  listen(port: number, host: string): Promise<number>;
  /**
   * Runs `hook` when close() begins. For long-lived connections (WebSocket streams): the server
   * waits for every open connection, so they must end themselves.
   */
  onClose(hook: () => void): void;
  /** Stops accepting connections and waits for open requests to finish. */
  close(): Promise<void>;
}

export function createHttpServer(logger: Logger): HttpServer {
  const exact = new Map<string, Handler>();
  const prefixes: Array<{ method: string; prefix: string; handler: Handler }> = [];
  const closeHooks: Array<() => void> = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const handler =
      exact.get(`${method} ${url.pathname}`) ??
      prefixes.find((p) => p.method === method && url.pathname.startsWith(p.prefix))?.handler;
    try {
      if (!handler) {
        const known = exact.has(`GET ${url.pathname}`) || exact.has(`POST ${url.pathname}`);
        throw new HttpError(known ? 405 : 404, known ? 'method not allowed' : 'not found');
      }
      await handler(req, res, url);
    } catch (error) {
      // One error path: clients get a status and a short reason, never a stack trace or config.
      const status = error instanceof HttpError ? error.status : 500;
      if (status >= 500) logger.error({ err: error, route: url.pathname }, 'HTTP handler failed');
      if (!res.headersSent) {
        sendJson(
          res,
          status,
          { error: error instanceof HttpError ? error.message : 'internal error' },
          error instanceof HttpError ? error.headers : {},
        );
      } else {
        res.end();
      }
    }
  });
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 30_000;

  return {
    server,
    addRoute(route) {
      if (route.path.endsWith('/*'))
        prefixes.push({ method: route.method, prefix: route.path.slice(0, -1), handler: route.handler });
      else exact.set(`${route.method} ${route.path}`, route.handler);
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    onClose(hook) {
      closeHooks.push(hook);
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        for (const hook of closeHooks.splice(0)) hook();
        server.closeIdleConnections();
      });
    },
  };
}
