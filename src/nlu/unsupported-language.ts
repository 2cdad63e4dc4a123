/**
 * Text written in a language Madoguchi does not speak (German, Arabic, Polish…), so that the bot
 * can answer in English with the language menu instead of guessing. Only long enough text with a
 * clear verdict counts: short messages are often misread (tinyld calls "I lost my card" Afrikaans).
 */
import { detectAll } from 'tinyld';
import { normalizeLanguageCode } from '../i18n/language-codes.ts';
import { detectLanguage } from './language-detection.ts';

const MIN_LETTERS = 12;
const MIN_ACCURACY = 0.5;

/** The ISO code of the language we lack, or undefined when the text may well be one of ours. */
export function detectUnsupportedLanguage(text: string): string | undefined {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return undefined;
  const [top] = detectAll(text);
  if (!top || top.accuracy < MIN_ACCURACY || normalizeLanguageCode(top.lang)) return undefined;
  // Scripts that only one of our languages writes (kana, Hangul, Thai…) are ours whatever tinyld says,
  // except Arabic script, which tinyld reliably tells apart from Urdu.
  const ours = detectLanguage(text);
  if (ours && ours.confidence >= 0.9 && top.lang !== 'ar' && top.lang !== 'fa') return undefined;
  return top.lang;
}
