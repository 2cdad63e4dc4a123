/**
 * Chooses the confidence threshold below which the classifier answers "unsure", by k-fold
 * cross-validation on the training data only (never on the held-out set), and writes it to
 * data/calibration.json. Run after adding or changing training data: `npm run calibrate:nlu`.
 *
 * The threshold maximises (right answers − WRONG_COST × wrong answers) over the cross-validated
 * predictions: a wrong intent sends the user down the wrong procedure, while an unsure answer
 * still offers the top three guesses, so a wrong answer costs more than a question.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Example, IntentModel } from './classifier.ts';
import { loadTrainingExamples } from './training-data.ts';

const FOLDS = 5;
const WRONG_COST = 2;

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
  let best = { threshold: 0, value: Number.NEGATIVE_INFINITY };
  for (let step = 0; step <= 100; step++) {
    const threshold = step / 100;
    const answered = predictions.filter(({ confidence }) => confidence >= threshold);
    const right = answered.filter(({ correct }) => correct).length;
    const value = right - WRONG_COST * (answered.length - right);
    if (value > best.value) best = { threshold, value };
  }
  return best.threshold;
}

if (import.meta.main) {
  const predictions = crossValidatedPredictions(loadTrainingExamples());
  const threshold = chooseThreshold(predictions);
  const accuracy = predictions.filter(({ correct }) => correct).length / predictions.length;
  writeFileSync(join(import.meta.dirname, 'data', 'calibration.json'), `{ "threshold": ${threshold} }\n`);
  console.log(`cross-validated top-1 accuracy ${accuracy.toFixed(3)}, threshold ${threshold}`);
}
