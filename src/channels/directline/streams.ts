/**
 * The Direct Line `streamUrl`: a WebSocket per client that receives activity sets
 * (`{ activities, watermark }`) as they are appended, from the watermark in its URL on. The
 * client only listens; what it sends is ignored.
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-direct-line-3-0-receive-activities#websocket
 *
 * Appends made by this process wake the stream at once; a periodic look at the log catches the
 * ones made by other instances (several instances behind a load balancer share the store).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { HttpServer } from '../../http/server.ts';
import type { Logger } from '../../logger.ts';
import { type ConversationLog, watermarkOf } from './conversation-log.ts';
import type { TokenService } from './tokens.ts';

export interface Streams {
  /** Closes every open stream (shutdown). */
  close(): void;
}

const DEFAULT_POLL_MS = 3_000;
/** Keeps idle connections open through proxies that drop silent ones. */
const PING_EVERY_MS = 25_000;

export function attachStreams(deps: {
  http: HttpServer;
  /** `/directline/conversations/`: the stream path is `<prefix><id>/stream`. */
  pathPrefix: string;
  log: ConversationLog;
  tokens: TokenService;
  logger: Logger;
  pollMs?: number;
}): Streams {
  const { log, tokens, logger } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  const pattern = new RegExp(`^${deps.pathPrefix}([A-Za-z0-9_-]{16,64})/stream$`);

  function refuse(socket: Duplex, status: number, reason: string): void {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(deps.pathPrefix)) return; // someone else's upgrade
    const conversationId = pattern.exec(url.pathname)?.[1];
    if (!conversationId) return refuse(socket, 404, 'Not Found');
    const claims = tokens.verify(url.searchParams.get('t') ?? '');
    if (!claims || claims.conv !== conversationId) return refuse(socket, 403, 'Forbidden');
    let watermark: number;
    try {
      watermark = watermarkOf(url);
    } catch {
      return refuse(socket, 400, 'Bad Request');
    }
    wss.handleUpgrade(req, socket, head, (ws) => stream(ws, conversationId, watermark));
  }

  function stream(ws: WebSocket, conversationId: string, from: number): void {
    let watermark = from;
    let flushing: Promise<void> = Promise.resolve();
    // Reads run one after the other, so that no activity is sent twice or out of order.
    const flush = () => {
      flushing = flushing.then(async () => {
        if (ws.readyState !== ws.OPEN) return;
        try {
          const set = await log.read(conversationId, watermark);
          if (set.activities.length === 0) return;
          watermark = set.watermark;
          ws.send(JSON.stringify({ activities: set.activities, watermark: String(set.watermark) }));
        } catch (error) {
          logger.warn({ err: error }, 'DirectLine stream: could not read the conversation; will retry');
        }
      });
    };
    const unsubscribe = log.subscribe(conversationId, flush);
    const poll = setInterval(flush, deps.pollMs ?? DEFAULT_POLL_MS);
    const ping = setInterval(() => ws.ping(), PING_EVERY_MS);
    ws.on('close', () => {
      unsubscribe();
      clearInterval(poll);
      clearInterval(ping);
    });
    ws.on('error', () => ws.terminate());
    flush();
  }

  function close(): void {
    deps.http.server.off('upgrade', onUpgrade);
    // 1001 "going away": clients reconnect (to another instance, or after the restart).
    for (const client of wss.clients) client.close(1001, 'server shutting down');
    wss.close();
  }

  deps.http.server.on('upgrade', onUpgrade);
  deps.http.onClose(close);
  return { close };
}
