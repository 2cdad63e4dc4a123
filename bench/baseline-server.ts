/**
 * The physical limits the benchmark compares Madoguchi with.
 *
 * - Baseline (the issue's): bare `node:http`, the same LINE signature check (HMAC-SHA256,
 *   constant-time compare), JSON.parse, 200. Nothing else.
 * - Relay, when `LINE_API_BASE_URL` is set: the same, plus what any LINE bot that answers must do
 *   at the least: one reply per event, POSTed to the Messaging API's reply endpoint over a
 *   keep-alive `node:http` agent, as Madoguchi's client does (a fixed text, no state, no store).
 *   It shows how much of the baseline an answering bot can keep before doing any work of its own.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';

const secret = process.env.LINE_CHANNEL_SECRET ?? '';
const lineApi = process.env.LINE_API_BASE_URL ? new URL(process.env.LINE_API_BASE_URL) : undefined;
const agent = new Agent({ keepAlive: true });

function reply(replyToken: string): void {
  if (!lineApi) return;
  const body = JSON.stringify({ replyToken, messages: [{ type: 'text', text: 'OK' }] });
  const req = request(
    {
      hostname: lineApi.hostname,
      port: lineApi.port,
      method: 'POST',
      path: '/v2/bot/message/reply',
      agent,
      headers: {
        authorization: 'Bearer bench',
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    },
    (res) => res.resume(),
  );
  req.on('error', () => {});
  req.end(body);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    if (req.url === '/healthz') {
      res.writeHead(200).end('ok');
      return;
    }
    const body = Buffer.concat(chunks);
    const expected = createHmac('sha256', secret).update(body).digest();
    const given = Buffer.from(String(req.headers['x-line-signature'] ?? ''), 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(401).end();
      return;
    }
    const webhook = JSON.parse(body.toString('utf8')) as { events?: Array<{ replyToken?: string }> };
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    for (const event of webhook.events ?? []) if (event.replyToken) reply(event.replyToken);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});
