import { request } from 'node:http';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { HTML_CSP, parseJsonBody, SECURITY_HEADERS, sendHtml } from '../../src/http/server.ts';
import { createLogger } from '../../src/logger.ts';
import { startHttpApp } from '../support/http-app.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const SECRET_IN_ERROR = 'LINE_CHANNEL_SECRET=s3cr3t-value';

async function start(env: Record<string, string> = {}) {
  const lines: string[] = [];
  const served = await startHttpApp(env, {
    logger: createLogger(
      'info',
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    ),
    setup: (app) => {
      app.http.addRoute({
        method: 'GET',
        path: '/boom',
        handler: () => {
          throw new Error(`failed while reading ${SECRET_IN_ERROR}`);
        },
      });
      app.http.addRoute({
        method: 'GET',
        path: '/page',
        handler: (_req, res) => sendHtml(res, 200, '<p>hi</p>'),
      });
    },
  });
  close = served.close;
  return { ...served, lines };
}

/** A raw request, for request targets `fetch` would normalise. */
function rawGet(base: string, path: string): Promise<number> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP server: headers', () => {
  it('sends the security headers on every response, and no x-powered-by', async () => {
    const { base } = await start();
    for (const path of ['/healthz', '/readyz', '/metrics', '/nowhere', '/boom']) {
      const response = await fetch(`${base}${path}`);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        if (name === 'content-security-policy') continue;
        expect(response.headers.get(name), `${path} ${name}`).toBe(value);
      }
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('gives HTML pages a strict CSP: no inline script, no framing', async () => {
    const { base } = await start();
    const response = await fetch(`${base}/page`);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(HTML_CSP);
    expect(HTML_CSP).not.toContain('unsafe-inline');
    expect(HTML_CSP).toContain("frame-ancestors 'none'");
  });
});

describe('HTTP server: errors', () => {
  it('answers a failing handler with 500 and a short reason: no stack trace, no config; the log has the error', async () => {
    const { base, lines } = await start({ METRICS_TOKEN: 'metrics-token-0123456789' });
    const response = await fetch(`${base}/boom`);
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ error: 'internal error' });
    expect(body).not.toContain('s3cr3t');
    expect(body).not.toMatch(/at .*\.ts:\d+/);
    expect(lines.join('')).toContain('HTTP handler failed');
  });

  it('answers 404 and 405 without echoing the path', async () => {
    const { base } = await start();
    const missing = await fetch(`${base}/%3Cscript%3Ealert(1)%3C%2Fscript%3E`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('script');
    expect((await fetch(`${base}/healthz`, { method: 'DELETE' })).status).toBe(405);
  });

  it('answers 400 to a request target that is not a URL, and keeps serving', async () => {
    const { base } = await start();
    expect(await rawGet(base, '//[')).toBe(400);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('reveals neither the store location nor other config in /healthz, /readyz or /metrics', async () => {
    const { base } = await start();
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      const text = await (await fetch(`${base}${path}`)).text();
      expect(text).not.toMatch(/DATABASE_PATH|REDIS_URL|:memory:|SECRET|TOKEN/);
    }
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  it('asks for the bearer token, and serves the text format with it', async () => {
    const token = 'metrics-token-0123456789';
    const { base } = await start({ METRICS_TOKEN: token });
    const refused = await fetch(`${base}/metrics`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const served = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toContain('text/plain');
    expect(await served.text()).toContain('# TYPE madoguchi_turns_total counter');
  });
});

describe('parseJsonBody', () => {
  it('parses UTF-8 JSON, refusing invalid UTF-8, non-JSON and deep nesting with a 400', () => {
    expect(parseJsonBody(Buffer.from('{"a":["é",{"b":"[[[["}]}'))).toEqual({ a: ['é', { b: '[[[[' }] });
    for (const body of [
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      Buffer.from('{"a":'),
      Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)),
    ]) {
      expect(() => parseJsonBody(body)).toThrow(expect.objectContaining({ status: 400 }));
    }
    // Brackets inside strings, and escaped quotes, do not count as nesting.
    expect(parseJsonBody(Buffer.from(JSON.stringify({ s: `\\"${'['.repeat(100)}` })))).toBeTruthy();
  });
});
