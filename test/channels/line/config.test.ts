import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';

describe('LINE configuration', () => {
  it('leaves LINE off when neither secret is set', () => {
    const config = loadConfig({});
    expect(config.LINE_CHANNEL_SECRET).toBeUndefined();
    expect(config.LINE_CHANNEL_ACCESS_TOKEN).toBeUndefined();
  });

  it('refuses to boot with only one of the two, naming the missing one', () => {
    expect(() => loadConfig({ LINE_CHANNEL_SECRET: 'secret' })).toThrow(
      /LINE_CHANNEL_ACCESS_TOKEN: is missing while LINE_CHANNEL_SECRET is set/,
    );
    expect(() => loadConfig({ LINE_CHANNEL_ACCESS_TOKEN: 'token' })).toThrow(
      /LINE_CHANNEL_SECRET: is missing while LINE_CHANNEL_ACCESS_TOKEN is set/,
    );
  });

  it('takes an http(s) API base URL and refuses anything else', () => {
    expect(loadConfig({ LINE_API_BASE_URL: 'http://127.0.0.1:9000' }).LINE_API_BASE_URL).toBe(
      'http://127.0.0.1:9000',
    );
    expect(() => loadConfig({ LINE_API_BASE_URL: 'ftp://example.org' })).toThrow(/LINE_API_BASE_URL/);
  });
});
