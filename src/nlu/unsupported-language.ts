/**
 * Text written in a language Madoguchi does not speak (German, Arabic, Polish…), so that the bot
 * can answer in English with the language menu instead of guessing. Only long enough text with a
 * clear verdict counts: short messages are often misread.
 *
 * tinyld's light build (24 languages, 13 MB, 35 ms to load, so loaded on first need; the normal
 * build took 52 MB and 190 ms) names the language. Knowing few languages, it takes some of ours for others (Tagalog for
 * Finnish, Mongolian without ө/ү for Russian, Urdu for Arabic), so its verdict only counts for
 * text whose words our training data mostly lacks. Measured (test/nlu/unsupported-language.test.ts):
 * 39 of 55 sentences in 11 languages we lack recognised (all of Dutch, Polish, Arabic, Persian,
 * Greek, Hungarian; none of 5 Romanian), and 3 of 2,380 held-out utterances in our languages taken
 * for foreign (Mongolian without ө/ү, read as Russian). The more words the training data holds,
 * the fewer foreign sentences pass the word test: the test keeps the rate at 70 % or more.
 * A missed one is answered as if it were one of ours; a misread one gets the language menu in English.
 */
import { normalizeLanguageCode } from '../i18n/language-codes.ts';
import { tinyldLight } from '../packages.ts';
import type { IntentModel } from './classifier.ts';
import { languageByScript } from './language-detection.ts';
import { sharedModel } from './model-file.ts';

const MIN_LETTERS = 12;
const MIN_ACCURACY = 0.5;
/** Below this share of words our training data knows, the text is not one of our languages. */
const MAX_FOREIGN_WORD_COVERAGE = 0.5;
/** Letters Urdu writes and Arabic and Persian do not (ٹ ڈ ڑ ں ے ھ). */
const URDU_LETTERS = /[\u0679\u0688\u0691\u06BA\u06BE\u06D2]/u;

/** The ISO code of the language we lack, or undefined when the text may well be one of ours. */
export function detectUnsupportedLanguage(text: string, model?: IntentModel): string | undefined {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return undefined;
  const byScript = languageByScript(text);
  if (byScript && byScript !== 'ur') return undefined;
  if (byScript === 'ur' && URDU_LETTERS.test(text)) return undefined;
  // The word test first: it is cheap, and text in our languages (nearly all of it) never needs
  // tinyld, which is then never loaded (13 MB, ~35 ms).
  const coverage = (model ?? sharedModel().model).wordCoverage(text);
  if (coverage === undefined || coverage >= MAX_FOREIGN_WORD_COVERAGE) return undefined;
  const [top] = tinyldLight().detectAll(text);
  return !top || top.accuracy < MIN_ACCURACY || normalizeLanguageCode(top.lang) ? undefined : top.lang;
}
