import type { LanguageCode } from '../i18n/languages.ts';
import type { Intent } from '../intents.ts';
import { type Example, IntentModel } from './classifier.ts';
import calibration from './data/calibration.json' with { type: 'json' };
import { detectLanguage } from './language-detection.ts';
import { loadTrainingExamples } from './training-data.ts';

export interface Classification {
  /** null when unsure: the bot should ask "Did you mean …?" with `alternatives`. */
  intent: Intent | null;
  confidence: number;
  language: LanguageCode | undefined;
  /** The best guesses, best first (top 3), whether or not the classifier is sure. */
  alternatives: { intent: Intent; confidence: number }[];
}

const ALTERNATIVES = 3;

export interface IntentClassifier {
  classify(text: string): Classification;
}

/**
 * Trains the classifier from the training files (or given examples). `threshold` defaults to the
 * cross-validated one in data/calibration.json (see `npm run calibrate:nlu`, README).
 */
export function createIntentClassifier(
  options: { examples?: readonly Example[]; threshold?: number } = {},
): IntentClassifier {
  const model = new IntentModel(options.examples ?? loadTrainingExamples());
  const threshold = options.threshold ?? calibration.threshold;
  return {
    classify(text) {
      const { ranked, closestLanguage, known } = model.score(text);
      const best = ranked[0];
      const alternatives = ranked.slice(0, ALTERNATIVES).map(({ intent, confidence }) => ({
        intent,
        confidence: round(confidence),
      }));
      const language = detectLanguage(text)?.language ?? (closestLanguage as LanguageCode | undefined);
      const sure = known && best !== undefined && best.confidence >= threshold;
      return {
        intent: sure ? best.intent : null,
        confidence: round(known ? (best?.confidence ?? 0) : 0),
        language,
        alternatives,
      };
    },
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
