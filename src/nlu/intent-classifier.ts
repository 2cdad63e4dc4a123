import type { LanguageCode } from '../i18n/languages.ts';
import type { Intent } from '../intents.ts';
import { type Example, IntentModel, trainIntentModel } from './classifier.ts';
import { detectLanguage, mostLikely } from './language-detection.ts';
import { sharedModel } from './model-file.ts';

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
 * Uses the committed model (model/intent-model.bin, built by `npm run train:nlu`), or trains one
 * from given examples (tests). `threshold` defaults to the cross-validated one stored in the model
 * file (0.5 for given examples, which have no cross-validation).
 */
export function createIntentClassifier(
  options: { examples?: readonly Example[]; threshold?: number } = {},
): IntentClassifier {
  const committed = options.examples ? undefined : sharedModel();
  const model = committed?.model ?? new IntentModel(trainIntentModel(options.examples ?? []));
  const threshold = options.threshold ?? committed?.threshold ?? 0.5;
  return {
    classify(text) {
      const { ranked, known } = model.score(text);
      const best = ranked[0];
      const alternatives = ranked.slice(0, ALTERNATIVES).map(({ intent, confidence }) => ({
        intent,
        confidence: round(confidence),
      }));
      const sure = known && best !== undefined && best.confidence >= threshold;
      return {
        intent: sure ? best.intent : null,
        confidence: round(known ? (best?.confidence ?? 0) : 0),
        // Detected only when read (the CLI reads it, the engine asks for the language separately).
        get language() {
          // Short text ("ok"): the language it looks most like, all languages considered.
          return (
            detectLanguage(text, model)?.language ?? mostLikely(text, model.data.languages, model)?.language
          );
        },
        alternatives,
      };
    },
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
