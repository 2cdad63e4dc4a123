import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { languageOf } from '../../../src/i18n/index.ts';
import { demoPage } from '../../../src/widget/demo-page.ts';
import { startDirectLineApp } from './directline-app.ts';

type Running = Awaited<ReturnType<typeof startDirectLineApp>>;
let running: Running | undefined;
async function start(env: Record<string, string> = {}): Promise<Running> {
  running = await startDirectLineApp({ env });
  return running;
}

afterEach(async () => {
  await running?.app.close();
  running = undefined;
});

const tokenRequest = (base: string, origin: string | undefined, body = { locale: 'fr' }) =>
  fetch(`${base}/widget/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    body: JSON.stringify(body),
  });

describe('widget token endpoint', () => {
  it('gives its own pages and the allowed origins a conversation token, with the languages', async () => {
    const { base, domain } = await start({ WIDGET_ALLOWED_ORIGINS: 'https://www.example.org' });
    for (const origin of [base, 'https://www.example.org']) {
      const response = await tokenRequest(base, origin);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      const body = (await response.json()) as {
        token: string;
        conversationId: string;
        languages: Array<{ code: string; dir: string }>;
      };
      expect(body.languages.map((language) => language.code)).toContain('fr');
      // The token opens its conversation, which starts with the greeting in the page's language.
      const started = await fetch(`${domain}/conversations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${body.token}` },
      });
      expect(((await started.json()) as { conversationId: string }).conversationId).toBe(body.conversationId);
      const activities = await fetch(`${domain}/conversations/${body.conversationId}/activities`, {
        headers: { authorization: `Bearer ${body.token}` },
      });
      const set = (await activities.json()) as { activities: Array<{ locale: string }> };
      expect(set.activities[0]?.locale).toBe('fr-FR');
    }
  });

  it('refuses other origins and requests without an Origin', async () => {
    const { base } = await start({ WIDGET_ALLOWED_ORIGINS: 'https://www.example.org' });
    expect((await tokenRequest(base, 'https://evil.example')).status).toBe(403);
    expect((await tokenRequest(base, undefined)).status).toBe(403);
  });

  it('limits token requests per IP address', async () => {
    const { base } = await start({ WIDGET_TOKENS_PER_MINUTE: '2' });
    expect((await tokenRequest(base, base)).status).toBe(200);
    expect((await tokenRequest(base, base)).status).toBe(200);
    const limited = await tokenRequest(base, base);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('widget files', () => {
  it('serves the embed script, the Web Chat bundle (gzipped when accepted) and the demo page', async () => {
    const { base } = await start();
    const script = await fetch(`${base}/widget.js`);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain('/widget/token');

    const raw = await fetch(`${base}/widget/webchat.js`, { headers: { 'accept-encoding': 'identity' } });
    const plain = Buffer.from(await raw.arrayBuffer());
    // The bundle is big: a boolean keeps a failure's message short.
    expect(plain.includes('renderWebChat')).toBe(true);
    // fetch() would inflate it by itself: read the gzipped bytes through node:http instead.
    const { request } = await import('node:http');
    const gzipped = await new Promise<Buffer>((resolve, reject) => {
      request(`${base}/widget/webchat.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        expect(res.headers['content-encoding']).toBe('gzip');
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      })
        .on('error', reject)
        .end();
    });
    expect(gzipped.length).toBeLessThan(plain.length / 2);
    expect(gunzipSync(gzipped).equals(plain)).toBe(true);

    const page = await (await fetch(`${base}/?lang=ja`)).text();
    expect(page).toContain('<html lang="ja-JP" dir="ltr">');
    expect(page).toContain('data-lang="ja"');
    expect(page).toContain(`&#60;script src=&#34;${base}/widget.js&#34;`);
    // A language without locales falls back to the default one.
    expect(await (await fetch(`${base}/?lang=xx`)).text()).toContain('<html lang="en" dir="ltr">');
  });

  it('writes the demo page right to left for Urdu', () => {
    const page = demoPage({
      language: languageOf('ur'),
      languages: [languageOf('ur'), languageOf('en')],
      origin: 'https://chat.example.org',
      scriptPath: '/widget.js',
    });
    expect(page).toContain('<html lang="ur-PK" dir="rtl">');
    expect(page).toContain('<a href="?lang=ur" lang="ur-PK">اردو</a>');
  });
});
