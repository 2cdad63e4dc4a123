/**
 * The production app with the Bot Framework channel, served in-process, and what Azure would send
 * it: activities signed as the Bot Framework's channel service signs them (RS256 with a key pair
 * made here, published through a mocked JWKS endpoint).
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication#connector-to-bot
 */
import { createSign, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import nock from 'nock';
import type { Clock } from '../../../src/clock.ts';
import { loadConfig } from '../../../src/config.ts';
import { createProductionApp } from '../../../src/production.ts';

export const APP_ID = '6f1a0c36-4d1b-4a0e-9a47-5a3c2d7e9b10';
export const APP_PASSWORD = 'test-app-password';
export const SERVICE_URL = 'https://smba.trafficmanager.net/apis/';
export const NOW = '2026-11-25T10:00:00+09:00';
const KEY_ID = 'test-signing-key';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** Microsoft's Bot Framework keys, as the SDK fetches them (it has the address built in). */
export function publishSigningKeys(): nock.Scope {
  const jwk = keys.publicKey.export({ format: 'jwk' }) as JsonWebKey;
  return nock('https://login.botframework.com')
    .persist()
    .get('/v1/.well-known/keys')
    .reply(200, { keys: [{ ...jwk, kid: KEY_ID, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] });
}

/** Tokens issued by Entra ID (the Emulator's, a single-tenant bot's): keys under the app's authority. */
export function publishEntraSigningKeys(tenant: string): nock.Scope {
  const jwk = keys.publicKey.export({ format: 'jwk' }) as JsonWebKey;
  return nock('https://login.microsoftonline.com')
    .persist()
    .get(`/${tenant}/discovery/v2.0/keys`)
    .reply(200, { keys: [{ ...jwk, kid: KEY_ID, use: 'sig', alg: 'RS256' }] });
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A channel token as the Bot Framework issues them; override any claim. */
export function channelToken(claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ alg: 'RS256', typ: 'JWT', kid: KEY_ID });
  const payload = base64url({
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    serviceurl: SERVICE_URL,
    nbf: now - 60,
    exp: now + 3600,
    ...claims,
  });
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(keys.privateKey);
  return `${header}.${payload}.${signature.toString('base64url')}`;
}

export function messageActivity(overrides: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: `activity-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    locale: 'fr-FR',
    from: { id: '29:user-aad-id', name: 'Camille' },
    recipient: { id: `28:${APP_ID}`, name: 'Madoguchi' },
    conversation: { id: 'a:conversation-1' },
    text: 'bonjour',
    ...overrides,
  };
}

export async function startBotFrameworkApp(env: Record<string, string> = {}, clock?: Clock) {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_PATH: ':memory:',
    MADOGUCHI_NOW: NOW,
    ...env,
  });
  const app = await createProductionApp({ config, ...(clock ? { clock } : {}) });
  const port = await app.http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/api/messages`;
  async function post(activity: unknown, token?: string) {
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(activity),
    });
  }
  return { app, post, port };
}
