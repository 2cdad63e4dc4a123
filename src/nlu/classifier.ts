import type { Intent } from '../intents.ts';
import { extractFeatures } from './features.ts';

/** One training utterance with its label and the language file it came from. */
export interface Example {
  text: string;
  intent: Intent;
  language: string;
}

export interface Scored {
  intent: Intent;
  /** Probability-like confidence (softmax over the intents' cosine scores), 0–1. */
  confidence: number;
}

/** A sparse TF-IDF vector: parallel arrays of term ids and L2-normalised weights. */
interface SparseVector {
  ids: Int32Array;
  weights: Float32Array;
}

/**
 * Error-driven passes over the training data after the centroids are built (a perceptron started
 * from the centroids): they push apart intents that share vocabulary ("card" in lost-card and
 * return-card). Measured on the held-out set: 10 passes at 0.01 lift top-1 from about 0.83 to 0.92.
 */
const REFINEMENT_PASSES = 10;
const REFINEMENT_MARGIN = 0.1;
const REFINEMENT_RATE = 0.01;
/** Softmax temperature turning cosine scores (≈0–0.6) into confidences. */
const TEMPERATURE = 0.05;

/**
 * A TF-IDF character n-gram classifier: each intent is a weight vector started at the intent's
 * centroid and refined by error-driven passes; a text is scored by its dot product with each.
 * Handles every script, trains in one pass plus a few cheap refinements.
 */
export class IntentModel {
  readonly #vocabulary = new Map<string, number>();
  readonly #idf: Float32Array;
  readonly #intents: Intent[];
  readonly #weights: Float32Array[];
  /** Centroid of each training language: the classifier's own evidence of which language a text is in. */
  readonly #languageCentroids: Map<string, Float32Array>;

  constructor(examples: readonly Example[]) {
    const counts = examples.map((example) => extractFeatures(example.text));
    const documentFrequency: number[] = [];
    for (const termCounts of counts) {
      for (const term of termCounts.keys()) {
        let id = this.#vocabulary.get(term);
        if (id === undefined) {
          id = this.#vocabulary.size;
          this.#vocabulary.set(term, id);
          documentFrequency.push(0);
        }
        documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
      }
    }
    const size = this.#vocabulary.size;
    this.#idf = new Float32Array(size);
    for (let id = 0; id < size; id++) {
      this.#idf[id] = Math.log((examples.length + 1) / ((documentFrequency[id] ?? 0) + 1)) + 1;
    }
    const vectors = counts.map((termCounts) => this.#vectorize(termCounts));

    this.#intents = [...new Set(examples.map((example) => example.intent))];
    const labels = examples.map((example) => this.#intents.indexOf(example.intent));
    this.#weights = this.#intents.map(() => new Float32Array(size));
    this.#languageCentroids = new Map();
    vectors.forEach((vector, index) => {
      addScaled(this.#weights[labels[index] as number] as Float32Array, vector, 1);
      const language = examples[index]?.language as string;
      let centroid = this.#languageCentroids.get(language);
      if (!centroid) {
        centroid = new Float32Array(size);
        this.#languageCentroids.set(language, centroid);
      }
      addScaled(centroid, vector, 1);
    });
    for (const weights of [...this.#weights, ...this.#languageCentroids.values()]) normalize(weights);

    for (let pass = 0; pass < REFINEMENT_PASSES; pass++) {
      vectors.forEach((vector, index) => {
        const gold = labels[index] as number;
        const scores = this.#weights.map((weights) => dot(weights, vector));
        const goldScore = scores[gold] as number;
        let rival = -1;
        scores.forEach((score, intent) => {
          if (intent !== gold && (rival < 0 || score > (scores[rival] as number))) rival = intent;
        });
        if (rival >= 0 && (scores[rival] as number) + REFINEMENT_MARGIN > goldScore) {
          addScaled(this.#weights[gold] as Float32Array, vector, REFINEMENT_RATE);
          addScaled(this.#weights[rival] as Float32Array, vector, -REFINEMENT_RATE);
        }
      });
    }
  }

  get intents(): readonly Intent[] {
    return this.#intents;
  }

  /** Intents by confidence, best first, and the training language the text looks most like. */
  score(text: string): { ranked: Scored[]; closestLanguage: string | undefined; known: boolean } {
    const vector = this.#vectorize(extractFeatures(text));
    const scores = this.#weights.map((weights) => dot(weights, vector));
    const top = Math.max(...scores);
    const exponentials = scores.map((score) => Math.exp((score - top) / TEMPERATURE));
    const total = exponentials.reduce((sum, value) => sum + value, 0);
    const ranked = this.#intents.map((intent, index) => ({
      intent,
      confidence: (exponentials[index] ?? 0) / total,
    }));
    ranked.sort((a, b) => b.confidence - a.confidence);

    let closestLanguage: string | undefined;
    let closest = 0;
    for (const [language, centroid] of this.#languageCentroids) {
      const similarity = dot(centroid, vector);
      if (similarity > closest) {
        closest = similarity;
        closestLanguage = language;
      }
    }
    return { ranked, closestLanguage, known: vector.ids.length > 0 };
  }

  #vectorize(termCounts: Map<string, number>): SparseVector {
    const ids: number[] = [];
    const weights: number[] = [];
    for (const [term, count] of termCounts) {
      const id = this.#vocabulary.get(term);
      if (id === undefined) continue;
      ids.push(id);
      // Sublinear term frequency: a repeated n-gram is evidence, not proportionally more evidence.
      weights.push((1 + Math.log(count)) * (this.#idf[id] ?? 0));
    }
    const norm = Math.sqrt(weights.reduce((sum, value) => sum + value * value, 0)) || 1;
    return { ids: Int32Array.from(ids), weights: Float32Array.from(weights, (weight) => weight / norm) };
  }
}

function dot(dense: Float32Array, vector: SparseVector): number {
  let sum = 0;
  for (let k = 0; k < vector.ids.length; k++)
    sum += (dense[vector.ids[k] as number] ?? 0) * (vector.weights[k] ?? 0);
  return sum;
}

function addScaled(dense: Float32Array, vector: SparseVector, scale: number): void {
  for (let k = 0; k < vector.ids.length; k++) {
    const id = vector.ids[k] as number;
    dense[id] = (dense[id] ?? 0) + scale * (vector.weights[k] ?? 0);
  }
}

function normalize(dense: Float32Array): void {
  let sum = 0;
  for (const value of dense) sum += value * value;
  const norm = Math.sqrt(sum) || 1;
  for (let id = 0; id < dense.length; id++) dense[id] = (dense[id] ?? 0) / norm;
}
