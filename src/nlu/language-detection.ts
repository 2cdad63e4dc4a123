import type { LanguageCode } from '../i18n/languages.ts';
import type { IntentModel } from './classifier.ts';
import { sharedModel } from './model-file.ts';

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

/**
 * Scripts several of our languages share, and those languages: the model's language head only
 * chooses among them (romanised Japanese in the training data must not make "zairyu card" Japanese
 * script, and a kanji-only text is Japanese or Chinese, never Korean).
 */
const SHARED_SCRIPTS: readonly [RegExp, readonly LanguageCode[]][] = [
  [/\p{Script=Han}/u, ['ja', 'zh-Hans']],
  [/\p{Script=Cyrillic}/u, ['mn', 'uk']],
  [/\p{Script=Latin}/u, ['en', 'fr', 'es', 'pt-BR', 'fil', 'id', 'tr', 'vi']],
];

/** The languages the model's language head tells apart (train.ts). */
export const LANGUAGES_SHARING_A_SCRIPT: readonly LanguageCode[] = SHARED_SCRIPTS.flatMap(
  ([, languages]) => languages,
);

/** Letters only Mongolian (ө, ү) or only Ukrainian (і, ї, є, ґ) write among our Cyrillic languages. */
const MONGOLIAN_LETTERS = /[өүӨҮ]/u;
const UKRAINIAN_LETTERS = /[іїєґІЇЄҐ]/u;
/** Vietnamese-only letters (ơ, ư, đ, ă and stacked tones). */
const VIETNAMESE_LETTERS = /[ơưđăạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu;
/** Fewer letters than this is "ok", "1", "hi": too little to switch a conversation's language. */
const MIN_LETTERS = 4;
const SCRIPT_CONFIDENCE = 0.95;

/**
 * The language a text's letters alone tell (a script or letters only one of our languages
 * writes), or undefined when it takes statistics.
 */
export function languageByScript(text: string): LanguageCode | undefined {
  for (const [script, language] of SINGLE_LANGUAGE_SCRIPTS) if (script.test(text)) return language;
  if (MONGOLIAN_LETTERS.test(text)) return 'mn';
  if (UKRAINIAN_LETTERS.test(text)) return 'uk';
  if (VIETNAMESE_LETTERS.test(text)) return 'vi';
  return undefined;
}

/**
 * Detects the language of a user's text: by script first (reliable for the scripts one of our
 * languages owns), then with the model's language head (trained on our training utterances, see
 * classifier.ts) among the languages that write the text's script. Returns undefined for short or
 * undecidable text, so a chosen language never flips on "ok".
 */
export function detectLanguage(text: string, model?: IntentModel): DetectedLanguage | undefined {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (
    letters < MIN_LETTERS &&
    !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{2}/u.test(text)
  )
    return undefined;
  const byScript = languageByScript(text);
  if (byScript) return { language: byScript, confidence: SCRIPT_CONFIDENCE };
  const candidates = SHARED_SCRIPTS.find(([script]) => script.test(text))?.[1];
  if (!candidates) return undefined;
  return mostLikely(text, candidates, model ?? sharedModel().model);
}

/** The head's most likely language for the text among `candidates`, with its share of their probability. */
export function mostLikely(
  text: string,
  candidates: readonly string[],
  model: IntentModel,
): DetectedLanguage | undefined {
  const { languages: probabilities, known } = model.score(text);
  if (!known) return undefined;
  let best: { language: LanguageCode; probability: number } | undefined;
  let total = 0;
  model.data.languages.forEach((language, index) => {
    if (!candidates.includes(language)) return;
    const probability = probabilities[index] as number;
    total += probability;
    if (!best || probability > best.probability) best = { language: language as LanguageCode, probability };
  });
  return best && total > 0 ? { language: best.language, confidence: best.probability / total } : undefined;
}
