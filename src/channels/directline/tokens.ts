/**
 * Direct Line tokens: compact JWTs (HS256) signed with a key derived from DIRECTLINE_SECRET, each
 * bound to one conversation and one user, valid for DIRECTLINE_TOKEN_TTL_SECONDS. Like Azure's,
 * they go to browsers while the secret stays on servers.
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-direct-line-3-0-authentication
 * https://www.rfc-editor.org/rfc/rfc7519 (JWT), https://www.rfc-editor.org/rfc/rfc7515 (JWS)
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** The conversation the token opens, and only that one. */
  conv: string;
  /** The user's id in the conversation's activities (`from.id`). */
  user: string;
  /** The page's language when the token was requested (the greeting's language hint). */
  lng?: string;
  /** Issued at and expiry, in seconds since the epoch. */
  iat: number;
  exp: number;
}

export interface IssuedToken {
  token: string;
  /** Seconds, as Azure's `expires_in`. */
  expiresIn: number;
}

export interface TokenService {
  issue(claims: Pick<TokenClaims, 'conv' | 'user' | 'lng'>): IssuedToken;
  /** The claims of a well-signed, unexpired token; undefined for anything else. */
  verify(token: string): TokenClaims | undefined;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

export function createTokenService(options: {
  secret: string;
  ttlSeconds: number;
  now?: () => number;
}): TokenService {
  // A key of its own, so that a token can never be replayed as the secret or the other way round.
  const key = createHmac('sha256', options.secret).update('madoguchi:directline-token').digest();
  const now = options.now ?? Date.now;
  const sign = (input: string) => createHmac('sha256', key).update(input).digest();

  return {
    issue(claims) {
      const iat = Math.floor(now() / 1000);
      const payload = base64url(JSON.stringify({ ...claims, iat, exp: iat + options.ttlSeconds }));
      const input = `${HEADER}.${payload}`;
      return { token: `${input}.${sign(input).toString('base64url')}`, expiresIn: options.ttlSeconds };
    },

    verify(token) {
      const [header, payload, signature, ...rest] = token.split('.');
      if (header !== HEADER || !payload || !signature || rest.length > 0) return undefined;
      const expected = sign(`${header}.${payload}`);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      let claims: Partial<TokenClaims>;
      try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<TokenClaims>;
      } catch {
        return undefined;
      }
      if (typeof claims.conv !== 'string' || typeof claims.user !== 'string') return undefined;
      if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now()) return undefined;
      return claims as TokenClaims;
    },
  };
}
