/**
 * Maps the language codes that channels and data files use (LINE profile `language`, Bot Framework
 * `activity.locale`, a page's `lang`, evaluation files) onto our canonical codes.
 */
import { LANGUAGES, type LanguageCode } from './languages.ts';

const ALIASES: Record<string, LanguageCode> = {
  zh: 'zh-Hans',
  'zh-cn': 'zh-Hans',
  'zh-sg': 'zh-Hans',
  'zh-hans': 'zh-Hans',
  'zh-hans-cn': 'zh-Hans',
  pt: 'pt-BR',
  'pt-br': 'pt-BR',
  tl: 'fil',
  fil: 'fil',
  'ja-easy': 'ja-easy',
  'ja-x-easy': 'ja-easy',
  'ja-yasashii': 'ja-easy',
  easy: 'ja-easy',
};

/** Our code for `code`, or undefined when we don't speak that language. */
export function normalizeLanguageCode(code: string | undefined | null): LanguageCode | undefined {
  if (!code) return undefined;
  const lower = code.trim().replace(/_/g, '-').toLowerCase();
  if (!lower) return undefined;
  const alias = ALIASES[lower];
  if (alias) return alias;
  const exact = LANGUAGES.find((language) => language.code.toLowerCase() === lower);
  if (exact) return exact.code;
  // zh-TW / zh-Hant is Traditional Chinese, which we do not have: don't pretend Simplified is it.
  if (/^zh-(tw|hk|mo|hant)/.test(lower)) return undefined;
  const primary = lower.split('-')[0] ?? '';
  if (primary === 'zh' || primary === 'pt') return ALIASES[primary];
  return LANGUAGES.find((language) => language.code === primary)?.code;
}
