import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';

describe('Direct Line, widget and Bot Framework configuration', () => {
  it('leaves Direct Line off and the Bot Framework channel anonymous by default', () => {
    const config = loadConfig({});
    expect(config.DIRECTLINE_SECRET).toBeUndefined();
    expect(config.DIRECTLINE_TOKEN_TTL_SECONDS).toBe(1800);
    expect(config.WIDGET_ALLOWED_ORIGINS).toEqual([]);
    expect(config.MICROSOFT_APP_ID).toBeUndefined();
    expect(config.BOTFRAMEWORK_ALLOWED_SERVICE_URLS).toEqual([]);
  });

  it('reads comma-separated origins and service URLs', () => {
    const config = loadConfig({
      WIDGET_ALLOWED_ORIGINS: 'https://www.example.org, http://localhost:8080',
      BOTFRAMEWORK_ALLOWED_SERVICE_URLS: 'https://connector.example.org/,https://other.example.org/bot/',
    });
    expect(config.WIDGET_ALLOWED_ORIGINS).toEqual(['https://www.example.org', 'http://localhost:8080']);
    expect(config.BOTFRAMEWORK_ALLOWED_SERVICE_URLS).toEqual([
      'https://connector.example.org/',
      'https://other.example.org/bot/',
    ]);
  });

  it('says what to fix: a short secret, an origin with a path, an app id without its password', () => {
    expect(() => loadConfig({ DIRECTLINE_SECRET: 'short' })).toThrow(/DIRECTLINE_SECRET/);
    expect(() => loadConfig({ WIDGET_ALLOWED_ORIGINS: 'https://www.example.org/chat' })).toThrow(
      /not an origin such as https:\/\/www\.example\.org/,
    );
    expect(() => loadConfig({ MICROSOFT_APP_ID: 'app' })).toThrow(/MICROSOFT_APP_PASSWORD.*client secret/s);
  });
});
