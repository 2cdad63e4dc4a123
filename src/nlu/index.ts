/**
 * Natural-language understanding: intent classification, language detection and the entities
 * the dialogs read from free text. See README.md for how it works and what it scores.
 */
export { normalizeLanguageCode } from '../i18n/language-codes.ts';
export { parseAge } from './age.ts';
export { parseDate } from './dates.ts';
export { type Classification, createIntentClassifier, type IntentClassifier } from './intent-classifier.ts';
export { type DetectedLanguage, detectLanguage } from './language-detection.ts';
export { parsePrefecture } from './prefectures.ts';
export { createNluUnderstanding } from './understanding.ts';
export { parseYesNo } from './yes-no.ts';
