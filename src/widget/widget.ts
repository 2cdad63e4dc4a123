/**
 * The embeddable web chat: `/widget.js` (a one-line embed), the Web Chat bundle it loads
 * (`/widget/webchat.js`, served by Madoguchi itself: no CDN), its token endpoint
 * (`POST /widget/token`: origin-checked and rate-limited per IP) and a demo page at `/`.
 * It runs on the self-hosted Direct Line and is on whenever Direct Line is.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { App } from '../app.ts';
import { type DirectLineChannel, requestedLocale } from '../channels/directline/index.ts';
import type { Channel } from '../channels/index.ts';
import { clientIp, createTokenBucketLimiter } from '../http/rate-limit.ts';
import { HttpError, sendHtml, sendJson, tooManyRequests } from '../http/server.ts';
import { languageOf } from '../i18n/index.ts';
import { normalizeLanguageCode } from '../i18n/language-codes.ts';
import { WEBCHAT_VENDOR_DIR, WIDGET_SOURCE_DIR } from '../paths.ts';
import { demoPage } from './demo-page.ts';

export const WIDGET_SCRIPT_PATH = '/widget.js';
export const WIDGET_TOKEN_PATH = '/widget/token';
export const WEBCHAT_BUNDLE_PATH = '/widget/webchat.js';

export function createWidget(directLine: DirectLineChannel): Channel {
  return {
    name: 'widget',
    register(app) {
      const service = directLine.service();
      if (!service) return; // Direct Line logged why it is off.
      registerWidget(app, service);
    },
  };
}

function registerWidget(app: App, service: NonNullable<ReturnType<DirectLineChannel['service']>>): void {
  const { config, translator, logger } = app;
  const { origins } = service;
  // The widget's own words (button, close, language), rendered from the locales for every language.
  const words = Object.fromEntries(
    translator.languages.map((code) => [
      code,
      {
        chat: translator.render({ key: 'common:widget.chat' }, code),
        close: translator.render({ key: 'common:widget.close' }, code),
        language: translator.render({ key: 'common:nav.language' }, code),
      },
    ]),
  );
  const script = Buffer.concat([
    Buffer.from(`window.madoguchiStrings = ${JSON.stringify(words)};\n`),
    readFileSync(join(WIDGET_SOURCE_DIR, 'widget.js')),
  ]);
  // Stricter than the shared per-IP budget: each token starts a conversation.
  const tokenLimit = createTokenBucketLimiter({ perMinute: config.WIDGET_TOKENS_PER_MINUTE });
  const languages = translator.languages.map((code) => {
    const { name, dir, intl } = languageOf(code);
    return { code, name, dir, intl };
  });
  const bundle = existsSync(join(WEBCHAT_VENDOR_DIR, 'webchat.js'))
    ? {
        plain: readFileSync(join(WEBCHAT_VENDOR_DIR, 'webchat.js')),
        gzip: readFileSync(join(WEBCHAT_VENDOR_DIR, 'webchat.js.gz')),
      }
    : undefined;
  if (!bundle) {
    logger.warn(
      `Widget: no Web Chat bundle in vendor/webchat/; run \`npm run build:widget\` once (needs the npm registry) so that ${WEBCHAT_BUNDLE_PATH} can be served`,
    );
  }

  app.http.addRoute({
    method: 'GET',
    path: WIDGET_SCRIPT_PATH,
    handler: (_req, res) => sendStatic(res, script, 'text/javascript; charset=utf-8', 'public, max-age=300'),
  });

  app.http.addRoute({
    method: 'GET',
    path: WEBCHAT_BUNDLE_PATH,
    handler: (req, res) => {
      if (!bundle) throw new HttpError(503, 'Web Chat bundle not built: run npm run build:widget');
      const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      sendStatic(
        res,
        gzip ? bundle.gzip : bundle.plain,
        'text/javascript; charset=utf-8',
        'public, max-age=86400',
        {
          vary: 'Accept-Encoding',
          ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        },
      );
    },
  });

  app.http.addRoute({
    method: 'GET',
    path: '/',
    handler: (req, res, url) => {
      const html = demoPage({
        language: languageOf(pageLanguage(url.searchParams.get('lang') ?? undefined)),
        languages: translator.languages.map(languageOf),
        origin: origins.ownOrigin(req),
        scriptPath: WIDGET_SCRIPT_PATH,
      });
      // The page runs only our own scripts; Web Chat and the widget inject their styles at run time,
      // and the chat talks to this server over HTTP and WebSocket.
      res.setHeader('cache-control', 'no-store');
      sendHtml(res, 200, html, DEMO_PAGE_CSP);
    },
  });

  app.http.addRoute({
    method: 'OPTIONS',
    path: WIDGET_TOKEN_PATH,
    perIpLimit: true,
    handler: (req, res) => origins.preflight(req, res),
  });

  app.http.addRoute({
    method: 'POST',
    path: WIDGET_TOKEN_PATH,
    perIpLimit: true,
    handler: async (req, res) => {
      const cors = origins.corsHeaders(req);
      // Browsers always send Origin on a POST: no Origin, or another site's, is not our widget.
      if (!origins.allowedOrigin(req)) {
        logger.warn(
          { origin: req.headers.origin ?? null },
          'Widget: refused a token request from an origin not allowed',
        );
        throw new HttpError(403, 'origin not allowed: add it to WIDGET_ALLOWED_ORIGINS', cors);
      }
      const decision = tokenLimit.take(clientIp(req, config.TRUST_PROXY));
      if (!decision.allowed) {
        const refusal = tooManyRequests(decision.retryAfterSeconds);
        throw new HttpError(refusal.status, refusal.message, { ...cors, ...refusal.headers });
      }
      const locale = await requestedLocale(req);
      const started = service.startConversation({ ...(locale ? { locale } : {}) });
      sendJson(
        res,
        200,
        {
          conversationId: started.conversationId,
          token: started.token,
          expires_in: started.expiresIn,
          languages,
        },
        { ...cors, 'cache-control': 'no-store' },
      );
    },
  });

  function pageLanguage(requested: string | undefined) {
    const code = normalizeLanguageCode(requested);
    return code && translator.has(code) ? code : (normalizeLanguageCode(config.DEFAULT_LANGUAGE) ?? 'en');
  }

  logger.info(`Widget on: ${WIDGET_SCRIPT_PATH}, demo page at /`);
}

/** The demo page's CSP: our scripts only, the styles Web Chat injects, our own HTTP and WebSocket API. */
const DEMO_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function sendStatic(
  res: ServerResponse,
  body: Buffer,
  contentType: string,
  cacheControl: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(200, {
    'content-type': contentType,
    'content-length': body.length,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
    // Scripts meant to be embedded in other sites' pages.
    'cross-origin-resource-policy': 'cross-origin',
    ...headers,
  });
  res.end(body);
}
