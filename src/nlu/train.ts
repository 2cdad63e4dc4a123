/**
 * `npm run train:nlu`: trains the intent model on every file in data/train, calibrates it by
 * cross-validation on that training data only (never on the held-out set), and writes
 * model/intent-model.bin.gz. `npm run train:nlu -- --check` only verifies that the committed
 * model was built from the current training files (exit 1 if not), for CI.
 *
 * Calibration, on the 5-fold cross-validated scores (folds stratified by language and intent):
 * - temperature: the softmax temperature that minimises the log-loss, so a confidence of 0.8 is
 *   right about 80% of the time;
 * - threshold: the lowest confidence threshold whose cross-validated wrong-intent rate is at most
 *   MAX_WRONG_RATE. A wrong intent sends the user down the wrong procedure, while "unsure" still
 *   offers the top three guesses, so the threshold trades unsure answers for fewer wrong ones.
 */
import type { Intent } from '../intents.ts';
import { type Example, IntentModel, softmaxInPlace, trainIntentModel } from './classifier.ts';
import { MODEL_FILE, readModelFile, writeModelFile } from './model-file.ts';
import { loadTrainingExamples, trainingDataHash } from './training-data.ts';

const FOLDS = 5;
/** Below the 2% target, leaving room for the held-out set being harder than the folds. */
export const MAX_WRONG_RATE = 0.015;

export interface CrossValidated {
  example: Example;
  /** Raw scores in `intents` order. */
  scores: Float64Array;
  intents: readonly Intent[];
}

/** Trains on all folds but one and scores the one left out, for each fold. */
export function crossValidate(examples: readonly Example[], folds = FOLDS): CrossValidated[] {
  const seen = new Map<string, number>();
  const foldOf = examples.map(({ language, intent }) => {
    const key = `${language}/${intent}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    return index % folds;
  });
  const results: CrossValidated[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const model = new IntentModel(trainIntentModel(examples.filter((_, index) => foldOf[index] !== fold)));
    examples.forEach((example, index) => {
      if (foldOf[index] === fold)
        results.push({ example, scores: model.rawScores(example.text), intents: model.data.intents });
    });
  }
  return results;
}

interface Prediction {
  language: string;
  correct: boolean;
  confidence: number;
}

function predictions(results: readonly CrossValidated[], temperature: number): Prediction[] {
  return results.map(({ example, scores, intents }) => {
    const probabilities = softmaxInPlace(Float64Array.from(scores), temperature);
    let best = 0;
    probabilities.forEach((probability, index) => {
      if (probability > (probabilities[best] as number)) best = index;
    });
    return {
      language: example.language,
      correct: intents[best] === example.intent,
      confidence: probabilities[best] as number,
    };
  });
}

export function chooseTemperature(results: readonly CrossValidated[]): number {
  let best = { temperature: 1, loss: Number.POSITIVE_INFINITY };
  for (let step = 1; step <= 60; step++) {
    const temperature = step / 20;
    let loss = 0;
    for (const { example, scores, intents } of results) {
      const probabilities = softmaxInPlace(Float64Array.from(scores), temperature);
      loss -= Math.log(Math.max(probabilities[intents.indexOf(example.intent)] ?? 0, 1e-12));
    }
    if (loss < best.loss) best = { temperature, loss };
  }
  return best.temperature;
}

export function chooseThreshold(predicted: readonly Prediction[], maxWrongRate = MAX_WRONG_RATE): number {
  for (let step = 0; step <= 100; step++) {
    const threshold = step / 100;
    const wrong = predicted.filter(({ correct, confidence }) => !correct && confidence >= threshold).length;
    if (wrong / predicted.length <= maxWrongRate) return threshold;
  }
  return 1;
}

function report(predicted: readonly Prediction[], threshold: number): void {
  const byLanguage = Map.groupBy(predicted, ({ language }) => language);
  const line = (name: string, items: readonly Prediction[]) => {
    const share = (count: number) => `${((count / items.length) * 100).toFixed(1)}%`.padStart(7);
    const top1 = items.filter(({ correct }) => correct).length;
    const right = items.filter(({ correct, confidence }) => correct && confidence >= threshold).length;
    const wrong = items.filter(({ correct, confidence }) => !correct && confidence >= threshold).length;
    console.log(
      `${name.padEnd(10)} ${String(items.length).padStart(5)} ${share(top1)} ${share(right)} ${share(items.length - right - wrong)} ${share(wrong)}`,
    );
  };
  console.log(`${'language'.padEnd(10)} ${'n'.padStart(5)}    top1 accuracy  unsure   wrong`);
  for (const [language, items] of [...byLanguage].sort(([a], [b]) => a.localeCompare(b)))
    line(language, items);
  line('overall', predicted);
}

if (import.meta.main) {
  const hash = trainingDataHash();
  if (process.argv.includes('--check')) {
    const stale = readModelFile().trainingHash !== hash;
    console.log(stale ? `${MODEL_FILE} is stale: run npm run train:nlu` : 'intent model is up to date');
    process.exit(stale ? 1 : 0);
  }
  const started = performance.now();
  const examples = loadTrainingExamples();
  const results = crossValidate(examples);
  const temperature = chooseTemperature(results);
  const predicted = predictions(results, temperature);
  const threshold = chooseThreshold(predicted);
  console.log(`cross-validation (${FOLDS} folds on ${examples.length} training utterances):`);
  console.log(`temperature ${temperature}, threshold ${threshold}`);
  report(predicted, threshold);
  const model = { ...trainIntentModel(examples), temperature };
  writeModelFile({ model, threshold, trainingHash: hash });
  console.log(`wrote ${MODEL_FILE} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
