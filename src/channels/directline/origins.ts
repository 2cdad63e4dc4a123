/**
 * Which web pages may talk to Madoguchi from a browser: its own origin, plus WIDGET_ALLOWED_ORIGINS.
 * CORS headers go only to those; the widget's token endpoint refuses the rest.
 * https://fetch.spec.whatwg.org/#http-cors-protocol
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { HttpError } from '../../http/server.ts';

export interface OriginPolicy {
  /** Madoguchi's own origin as the client sees it, e.g. `https://chat.example.org`. */
  ownOrigin(req: IncomingMessage): string;
  /** The request's `Origin` when it is allowed; undefined when absent or not allowed. */
  allowedOrigin(req: IncomingMessage): string | undefined;
  /** CORS response headers for an allowed origin (none otherwise, so browsers block the reply). */
  corsHeaders(req: IncomingMessage): Record<string, string>;
  /** Answers a CORS preflight (`OPTIONS`): 204 for an allowed origin, 403 otherwise. */
  preflight(req: IncomingMessage, res: ServerResponse): void;
}

const ALLOWED_HEADERS = 'authorization, content-type, x-ms-bot-agent, x-requested-with';

export function createOriginPolicy(options: {
  allowed: readonly string[];
  trustProxy: boolean;
}): OriginPolicy {
  const allowed = new Set(options.allowed.map((origin) => origin.toLowerCase()));

  function forwarded(req: IncomingMessage, name: string): string | undefined {
    const value = options.trustProxy ? req.headers[name] : undefined;
    return typeof value === 'string' ? value.split(',')[0]?.trim() : undefined;
  }

  function ownOrigin(req: IncomingMessage): string {
    const encrypted = (req.socket as TLSSocket).encrypted === true;
    const proto = forwarded(req, 'x-forwarded-proto') ?? (encrypted ? 'https' : 'http');
    const host = forwarded(req, 'x-forwarded-host') ?? req.headers.host ?? 'localhost';
    return `${proto}://${host}`.toLowerCase();
  }

  function allowedOrigin(req: IncomingMessage): string | undefined {
    const origin = req.headers.origin?.toLowerCase();
    if (!origin) return undefined;
    return origin === ownOrigin(req) || allowed.has(origin) ? origin : undefined;
  }

  function corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = allowedOrigin(req);
    return origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };
  }

  return {
    ownOrigin,
    allowedOrigin,
    corsHeaders,
    preflight(req, res) {
      if (!allowedOrigin(req)) throw new HttpError(403, 'origin not allowed');
      res.writeHead(204, {
        ...corsHeaders(req),
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': ALLOWED_HEADERS,
        'access-control-max-age': '600',
      });
      res.end();
    },
  };
}
