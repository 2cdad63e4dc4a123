/** The language model as the engine's `Understanding`: intents, language, dates and yes/no. */
import type { Understanding } from '../engine/understanding.ts';
import { parseDate } from './dates.ts';
import { createIntentClassifier } from './intent-classifier.ts';
import { detectLanguage } from './language-detection.ts';
import { detectUnsupportedLanguage } from './unsupported-language.ts';
import { parseYesNo } from './yes-no.ts';

export function createNluUnderstanding(): Understanding {
  const classifier = createIntentClassifier();
  return {
    parseDate,
    parseYesNo,
    classify: (text) => classifier.classify(text),
    detectLanguage,
    detectUnsupportedLanguage,
  };
}
