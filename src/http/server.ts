/**
 * The HTTP server: plain `node:http` with a small exact-path router. Channels add their routes;
 * the server owns security headers, per-IP rate limits, body limits, the one error handler and
 * graceful shutdown.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logger.ts';
import { clientIp, type RateLimiter } from './rate-limit.ts';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

export interface Route {
  method: string;
  /** An exact path, or a prefix ending in `/*`. */
  path: string;
  handler: Handler;
  /**
   * Rate-limited per client IP (429 + Retry-After past the budget). For routes a browser or anyone
   * may call; a webhook that one platform calls for all its users limits per user instead.
   */
  perIpLimit?: boolean;
}

/**
 * Headers on every response (OWASP Secure Headers): no MIME sniffing, no framing, no referrer, and
 * for JSON a CSP that allows nothing (a JSON answer opened as a page runs no script).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
};

/** The CSP for HTML pages: our own scripts, styles and API only; no inline script, no framing. */
export const HTML_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function sendHtml(res: ServerResponse, status: number, html: string, csp: string = HTML_CSP): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'content-security-policy': csp,
  });
  res.end(html);
}

export interface HttpServerOptions {
  /** Budget per client IP for routes with `perIpLimit`. */
  perIp?: RateLimiter;
  /** The client IP from `X-Forwarded-For` (see `clientIp`). */
  trustProxy?: boolean;
  /** Called once per answered request (metrics); `route` is the registered path, never the raw URL. */
  onResponse?(info: { route: string; status: number }): void;
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

/** 429 with `Retry-After` (RFC 9110 §10.2.3), through the server's one error path. */
export function tooManyRequests(retryAfterSeconds: number): HttpError {
  return new HttpError(429, 'too many requests', { 'retry-after': String(retryAfterSeconds) });
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

/** Deeper than any request we accept: a webhook event or activity nests a handful of levels. */
export const MAX_JSON_DEPTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a JSON body: 400 when it is not UTF-8, not JSON, or nested deeper than `maxDepth` (checked
 * on the text first: `JSON.parse` copes with 100,000 levels, but re-serialising them overflows the
 * stack).
 */
export function parseJsonBody(body: Buffer, maxDepth: number = MAX_JSON_DEPTH): unknown {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new HttpError(400, 'body is not UTF-8');
  }
  if (jsonDepth(text) > maxDepth) throw new HttpError(400, 'body is nested too deeply');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}

/** The deepest nesting of `[` and `{` outside strings. */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (code === 0x5d || code === 0x7d) depth -= 1;
  }
  return deepest;
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

export function createHttpServer(logger: Logger, options: HttpServerOptions = {}): HttpServer {
  const exact = new Map<string, Route>();
  const prefixes: Array<Route & { prefix: string }> = [];
  const closeHooks: Array<() => void> = [];

  function routeFor(method: string, pathname: string): Route | undefined {
    return (
      exact.get(`${method} ${pathname}`) ??
      prefixes.find((p) => p.method === method && pathname.startsWith(p.prefix))
    );
  }

  const server = createServer(async (req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    let route: Route | undefined;
    try {
      // A request line such as `GET //[` is not a URL: refused here, not left to crash the process.
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://localhost');
      } catch {
        throw new HttpError(400, 'bad request target');
      }
      const method = req.method ?? 'GET';
      route = routeFor(method, url.pathname);
      if (!route) {
        const known = routeFor('GET', url.pathname) ?? routeFor('POST', url.pathname);
        throw new HttpError(known ? 405 : 404, known ? 'method not allowed' : 'not found');
      }
      if (route.perIpLimit && options.perIp) {
        const decision = options.perIp.take(clientIp(req, options.trustProxy ?? false));
        if (!decision.allowed) throw tooManyRequests(decision.retryAfterSeconds);
      }
      await route.handler(req, res, url);
    } catch (error) {
      // One error path: clients get a status and a short reason, never a stack trace or config.
      const status = error instanceof HttpError ? error.status : 500;
      if (status >= 500) logger.error({ err: error, route: route?.path }, 'HTTP handler failed');
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
    } finally {
      options.onResponse?.({ route: route?.path ?? 'unknown', status: res.statusCode });
    }
  });
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 30_000;

  return {
    server,
    addRoute(route) {
      if (route.path.endsWith('/*')) prefixes.push({ ...route, prefix: route.path.slice(0, -1) });
      else exact.set(`${route.method} ${route.path}`, route);
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
