import { describe, expect, it } from 'vitest';
import { normalizeLanguageCode } from '../../src/i18n/language-codes.ts';
import { LANGUAGES } from '../../src/i18n/languages.ts';

describe('normalizeLanguageCode', () => {
  it.each([
    ['zh', 'zh-Hans'],
    ['zh-Hans', 'zh-Hans'],
    ['zh-CN', 'zh-Hans'],
    ['zh_TW', 'zh-Hans'],
    ['pt', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['fil', 'fil'],
    ['tl', 'fil'],
    ['en-US', 'en'],
    ['JA', 'ja'],
    ['ja-JP', 'ja'],
    ['ja-easy', 'ja-easy'],
    ['ne-NP', 'ne'],
    ['khm', 'km'],
  ])('maps %s to %s', (code, expected) => {
    expect(normalizeLanguageCode(code)).toBe(expected);
  });

  it('maps each of our codes to itself', () => {
    for (const { code } of LANGUAGES) expect(normalizeLanguageCode(code)).toBe(code);
  });

  it.each(['de', 'xx', ''])('rejects %j', (code) => {
    expect(normalizeLanguageCode(code)).toBeUndefined();
  });
});
