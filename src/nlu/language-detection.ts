import { detectAll } from 'tinyld';
import { normalizeLanguageCode } from '../i18n/language-codes.ts';
import type { LanguageCode } from '../i18n/languages.ts';

export interface DetectedLanguage {
  language: LanguageCode;
  confidence: number;
}

/**
 * Scripts that only one of our languages uses: decided without a statistical model. (Devanagari
 * is Nepali for us, Arabic script is Urdu: we speak neither Hindi nor Arabic.)
 */
const SINGLE_LANGUAGE_SCRIPTS: readonly [RegExp, LanguageCode][] = [
  [/\p{Script=Hiragana}|\p{Script=Katakana}/u, 'ja'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Khmer}/u, 'km'],
  [/\p{Script=Myanmar}/u, 'my'],
  [/\p{Script=Sinhala}/u, 'si'],
  [/\p{Script=Bengali}/u, 'bn'],
  [/\p{Script=Devanagari}/u, 'ne'],
  [/\p{Script=Arabic}/u, 'ur'],
];

/** Letters only Mongolian (ө, ү) or only Ukrainian (і, ї, є, ґ) write among our Cyrillic languages. */
const MONGOLIAN_LETTERS = /[өүӨҮ]/u;
const UKRAINIAN_LETTERS = /[іїєґІЇЄҐ]/u;
/** Fewer letters than this is "ok", "1", "hi": too little to switch a conversation's language. */
const MIN_LETTERS = 4;
const SCRIPT_CONFIDENCE = 0.95;

/**
 * Detects the language of a user's text: by script first (reliable for the scripts one of our
 * languages owns), then with tinyld (measured best of eld, franc-min and tinyld on our languages:
 * the only one that knows Mongolian, Khmer and Indonesian) restricted to our languages.
 * Returns undefined for short or undecidable text, so a chosen language never flips on "ok".
 */
export function detectLanguage(text: string): DetectedLanguage | undefined {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (
    letters < MIN_LETTERS &&
    !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{2}/u.test(text)
  )
    return undefined;
  for (const [script, language] of SINGLE_LANGUAGE_SCRIPTS) {
    if (script.test(text)) return { language, confidence: SCRIPT_CONFIDENCE };
  }
  if (/\p{Script=Han}/u.test(text)) {
    // Kanji only (no kana): Chinese unless the detector hears Japanese ("在留期間更新").
    const japanese = detectAll(text).some(({ lang }) => lang === 'ja');
    return { language: japanese ? 'ja' : 'zh-Hans', confidence: 0.6 };
  }
  if (/\p{Script=Cyrillic}/u.test(text)) {
    if (MONGOLIAN_LETTERS.test(text)) return { language: 'mn', confidence: SCRIPT_CONFIDENCE };
    if (UKRAINIAN_LETTERS.test(text)) return { language: 'uk', confidence: SCRIPT_CONFIDENCE };
  }
  // Vietnamese-only letters (ơ, ư, đ, ă and stacked tones) decide before statistics.
  if (/[ơưđăạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu.test(text)) {
    return { language: 'vi', confidence: SCRIPT_CONFIDENCE };
  }
  for (const { lang, accuracy } of detectAll(text)) {
    const language = normalizeLanguageCode(lang);
    if (language) return { language, confidence: accuracy };
  }
  return undefined;
}
