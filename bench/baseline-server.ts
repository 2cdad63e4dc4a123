/**
 * The physical limit the benchmark compares Madoguchi with: bare `node:http`, the same LINE
 * signature check (HMAC-SHA256, constant-time compare), JSON.parse, 200. Nothing else.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.LINE_CHANNEL_SECRET ?? '';
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
    JSON.parse(body.toString('utf8'));
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});
