/**
 * Chooses the confidence threshold below which the classifier answers "unsure", by k-fold
 * cross-validation on the training data only (never on the held-out set), and writes it to
 * data/calibration.json. Run after adding or changing training data: `npm run calibrate:nlu`.
 *
 * The threshold is the lowest one whose cross-validated wrong-intent rate is at most
 * MAX_WRONG_RATE: as few "Did you mean…?" questions as the error budget allows.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Example, IntentModel } from './classifier.ts';
import { loadTrainingExamples } from './training-data.ts';

const FOLDS = 5;
const MAX_WRONG_RATE = 0.02;

export function crossValidatedPredictions(
  examples: readonly Example[],
): { correct: boolean; confidence: number }[] {
  const predictions: { correct: boolean; confidence: number }[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = new IntentModel(examples.filter((_, index) => index % FOLDS !== fold));
    examples.forEach((example, index) => {
      if (index % FOLDS !== fold) return;
      const best = model.score(example.text).ranked[0];
      predictions.push({ correct: best?.intent === example.intent, confidence: best?.confidence ?? 0 });
    });
  }
  return predictions;
}

export function chooseThreshold(predictions: readonly { correct: boolean; confidence: number }[]): number {
  for (let threshold = 0; threshold <= 1; threshold += 0.01) {
    const wrong = predictions.filter(({ correct, confidence }) => !correct && confidence >= threshold).length;
    if (wrong / predictions.length <= MAX_WRONG_RATE) return Math.round(threshold * 100) / 100;
  }
  return 1;
}

if (import.meta.main) {
  const predictions = crossValidatedPredictions(loadTrainingExamples());
  const threshold = chooseThreshold(predictions);
  const accuracy = predictions.filter(({ correct }) => correct).length / predictions.length;
  writeFileSync(join(import.meta.dirname, 'data', 'calibration.json'), `${JSON.stringify({ threshold })}\n`);
  console.log(`cross-validated top-1 accuracy ${accuracy.toFixed(3)}, threshold ${threshold}`);
}
