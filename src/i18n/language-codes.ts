/**
 * Maps the language codes that channels and data files use (LINE profile `language`, Bot Framework
 * `activity.locale`, a page's `lang`, evaluation files) onto our canonical codes.
 */
import { LANGUAGES, type LanguageCode } from './languages.ts';

/**
 * Aliases for codes that don't reduce to ours by their primary subtag: Chinese scripts/regions
 * (we write Simplified only, so Traditional users get the closest we have), Tagalog for Filipino,
 * ISO 639-2/3 forms that detectors and channels send.
 */
const ALIASES: Readonly<Record<string, LanguageCode>> = {
  zh: 'zh-Hans',
  zho: 'zh-Hans',
  chi: 'zh-Hans',
  pt: 'pt-BR',
  por: 'pt-BR',
  tl: 'fil',
  tgl: 'fil',
  jpn: 'ja',
  eng: 'en',
  kor: 'ko',
  vie: 'vi',
  spa: 'es',
  nep: 'ne',
  npi: 'ne',
  ind: 'id',
  tha: 'th',
  khm: 'km',
  mya: 'my',
  bur: 'my',
  mon: 'mn',
  khk: 'mn',
  fra: 'fr',
  fre: 'fr',
  sin: 'si',
  urd: 'ur',
  tur: 'tr',
  ukr: 'uk',
  ben: 'bn',
};

const OURS = new Map<string, LanguageCode>(LANGUAGES.map(({ code }) => [code.toLowerCase(), code]));

/**
 * Maps any common language tag (`zh-CN`, `zh_TW`, `pt-PT`, `en-US`, `tl`, `ja-easy`, `JA`) onto
 * one of our codes, or `undefined` when we don't speak it. Used for data files and for channel
 * locales (LINE, Bot Framework).
 */
export function normalizeLanguageCode(code: string | undefined | null): LanguageCode | undefined {
  if (!code) return undefined;
  const tag = code.trim().replace(/_/g, '-').toLowerCase();
  const exact = OURS.get(tag);
  if (exact) return exact;
  if (tag === 'ja-easy' || tag === 'ja-x-easy') return 'ja-easy';
  const primary = tag.split('-')[0] ?? '';
  return OURS.get(primary) ?? ALIASES[primary];
}
