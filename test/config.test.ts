import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3978,
      DATABASE_PATH: 'data/madoguchi.db',
      SESSION_TTL_DAYS: 30,
      DEFAULT_LANGUAGE: 'en',
    });
    expect(config.MADOGUCHI_NOW).toBeUndefined();
  });

  it('coerces numbers and accepts a fixed clock outside production', () => {
    const config = loadConfig({ PORT: '8080', MADOGUCHI_NOW: '2026-11-25T10:00:00+09:00', NODE_ENV: 'test' });
    expect(config.PORT).toBe(8080);
    expect(config.MADOGUCHI_NOW).toBe('2026-11-25T10:00:00+09:00');
  });

  it('refuses MADOGUCHI_NOW in production, naming the variable and the fix', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MADOGUCHI_NOW: '2026-11-25T10:00:00+09:00' })).toThrow(
      /MADOGUCHI_NOW.*unset it when NODE_ENV=production/s,
    );
  });

  it('lists every bad variable with the value it got', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', MADOGUCHI_NOW: 'yesterday', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT (got "eighty")');
    expect(message).toContain('MADOGUCHI_NOW (got "yesterday")');
    expect(message).toContain('LOG_LEVEL (got "loud")');
    expect(message).toContain('.env.example');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(3978);
  });

  it('leaves Redis off by default and accepts only a redis:// or rediss:// REDIS_URL', () => {
    const defaults = loadConfig({});
    expect(defaults.REDIS_URL).toBeUndefined();
    expect(defaults.REDIS_KEY_PREFIX).toBe('madoguchi:');
    expect(loadConfig({ REDIS_URL: 'rediss://:pw@redis.example:6380/1' }).REDIS_URL).toBe(
      'rediss://:pw@redis.example:6380/1',
    );
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(
      /REDIS_URL.*redis:\/\/127\.0\.0\.1:6379/s,
    );
  });
});
