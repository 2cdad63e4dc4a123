/**
 * The fake LINE Messaging API, in a process of its own (started by `startFakeLine()` in lib.ts):
 * in the load generator's process, its event loop was busy sending the load, and the time a reply
 * waited there to be read counted as Madoguchi's turn latency. It answers every call with 200 and
 * reports each reply token's arrival to the parent, as epoch milliseconds with sub-millisecond
 * precision (performance.timeOrigin + performance.now(), comparable across processes), in batches.
 */
import { createServer } from 'node:http';

const FLUSH_EVERY_MS = 50;
let pending: Array<[string, number]> = [];
const flush = () => {
  if (pending.length > 0) process.send?.(pending);
  pending = [];
};
setInterval(flush, FLUSH_EVERY_MS).unref();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    if (req.url === '/v2/bot/message/reply') {
      const at = performance.timeOrigin + performance.now();
      const token = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { replyToken?: string })
        .replyToken;
      if (token) pending.push([token, at]);
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as { port: number }).port });
});
process.on('message', (message) => {
  if (message === 'close') {
    flush();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  }
});
