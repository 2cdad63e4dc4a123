/**
 * The four Messaging API calls a turn may make (reply, push, loading animation, profile), on
 * `node:http`/`node:https` with a keep-alive agent. The SDK's `MessagingApiClient` goes through the
 * global `fetch` (undici and web streams), which cost about as much CPU per reply as the rest of
 * the webhook's answer; the SDK stays for the types and the other API calls (rich menu).
 *
 * Same wire format and errors as the SDK: the same paths, headers and JSON bodies; a non-2xx answer
 * throws the SDK's `HTTPFetchError` (status, headers, body), so callers handle both clients alike.
 * https://developers.line.biz/en/reference/messaging-api/
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';

export const LINE_API_DEFAULT_BASE_URL = 'https://api.line.me';

/** What the sender needs of a Messaging API client (`MessagingApiClient` fits it too). */
export interface LineApi {
  replyMessage(body: messagingApi.ReplyMessageRequest): Promise<unknown>;
  pushMessage(body: messagingApi.PushMessageRequest, retryKey?: string): Promise<unknown>;
  showLoadingAnimation(body: messagingApi.ShowLoadingAnimationRequest): Promise<unknown>;
  getProfile(userId: string): Promise<{ language?: string }>;
}

/** The request never got an HTTP answer (refused, reset, DNS): it may be retried. */
export class LineNetworkError extends Error {
  override name = 'LineNetworkError';
}

export interface LineApiClient extends LineApi {
  /** Closes the idle keep-alive connections. */
  close(): void;
}

export function createLineApi(options: { channelAccessToken: string; baseURL?: string }): LineApiClient {
  const base = new URL(options.baseURL || LINE_API_DEFAULT_BASE_URL);
  const secure = base.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  // One connection per request in flight, reused afterwards (TLS handshakes once, not per reply).
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const authorization = `Bearer ${options.channelAccessToken}`;
  const userAgent = '@line/bot-sdk/11.2.0 (madoguchi)';

  /** Resolves with the body text of a 2xx answer; throws HTTPFetchError otherwise. */
  function call(method: 'GET' | 'POST', path: string, body?: unknown, retryKey?: string): Promise<string> {
    const json = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { authorization, 'user-agent': userAgent };
    if (json !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(json);
    }
    if (retryKey !== undefined) headers['x-line-retry-key'] = retryKey;
    return new Promise((resolve, reject) => {
      const req = send(
        {
          protocol: base.protocol,
          hostname: base.hostname,
          port: base.port,
          method,
          // An absolute path replaces the base URL's own path, as `new URL(path, baseURL)` in the SDK.
          path,
          headers,
          agent,
        },
        (res) => readAnswer(res, resolve, reject),
      );
      req.on('error', (error) => reject(new LineNetworkError(error.message, { cause: error })));
      req.end(json);
    });
  }

  function readAnswer(
    res: IncomingMessage,
    resolve: (text: string) => void,
    reject: (e: Error) => void,
  ): void {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('error', (error) => reject(new LineNetworkError(error.message, { cause: error })));
    res.on('end', () => {
      const text =
        chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return resolve(text);
      const statusText = res.statusMessage ?? '';
      const headers = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      reject(new HTTPFetchError(`${status} - ${statusText}`, { status, statusText, headers, body: text }));
    });
  }

  const parse = (text: string): unknown => (text ? JSON.parse(text) : null);

  return {
    // Reply, push and loading answer `{}` or the sent messages' ids, which no caller reads.
    async replyMessage(body) {
      await call('POST', '/v2/bot/message/reply', body);
      return null;
    },
    async pushMessage(body, retryKey) {
      await call('POST', '/v2/bot/message/push', body, retryKey);
      return null;
    },
    async showLoadingAnimation(body) {
      await call('POST', '/v2/bot/chat/loading/start', body);
      return null;
    },
    async getProfile(userId) {
      return parse(await call('GET', `/v2/bot/profile/${encodeURIComponent(userId)}`)) as {
        language?: string;
      };
    },
    close() {
      agent.destroy();
    },
  };
}
