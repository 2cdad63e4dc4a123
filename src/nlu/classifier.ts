import type { Intent } from '../intents.ts';
import { extractFeatures, forEachFeature, wordHashes } from './features.ts';

/** One training utterance with its label and the language file it came from. */
export interface Example {
  text: string;
  intent: Intent;
  language: string;
}

export interface Scored {
  intent: Intent;
  /** Softmax probability of the intent (temperature-calibrated by cross-validation), 0–1. */
  confidence: number;
}

/**
 * Everything a trained model is: the feature buckets it knows (sorted), their IDF, and two heads
 * over the same features: per-intent weights and per-language weights (language identification for
 * the scripts several of our languages share; it replaced tinyld's 52 MB model).
 */
export interface ModelData {
  intents: Intent[];
  languages: string[];
  /** Softmax temperature applied to the raw scores (chosen by cross-validation, see train.ts). */
  temperature: number;
  buckets: Uint32Array;
  /** Half precision: a relative error of 0.05 %, well under the weights' own (see `Head`). */
  idf: Float16Array;
  intentHead: Head;
  languageHead: Head;
  /** Sorted hashes of the words at least two training utterances use (see `wordCoverage`). */
  words: Uint32Array;
}

/**
 * One softmax head's weights, for the model rows that have any. Weights are int8 with one
 * half-precision scale per row (|error| ≤ scale/2 = 0.4 % of the row's largest weight): four times
 * smaller than float32, with no measurable change in the scores' ranking. Rows whose weights are
 * all zero are left out: half the model's rows for the language head, whose n-grams of the scripts
 * only one of our languages writes (Thai, Khmer, Hangul, ...) no language example ever touches
 * (4.5 MB of the model). `present` is a bitmap over the model's rows saying which rows are kept,
 * in order.
 */
export interface Head {
  present: Uint32Array;
  scales: Float16Array;
  /** kept rows × classes, row-major. */
  weights: Int8Array;
}

export interface TrainingOptions {
  epochs?: number;
  /**
   * Buckets used by fewer training utterances than this are left out of the model: an n-gram seen
   * once is mostly noise (a typo, a name) and holds most of the model's size.
   */
  minDocumentFrequency?: number;
  /**
   * The languages the language head tells apart (default: every training language). Only those
   * sharing a script need it: the others are known by their script (language-detection.ts), and
   * each language left out saves one byte per model row.
   */
  languageHead?: readonly string[];
  /** Seed of the shuffling, so that a rebuild from the same data gives the same model file. */
  seed?: number;
  /**
   * The intent head's regularisation for new wordings (default 0: off): each time an example is
   * seen, each of its features is left out with this probability (inverted dropout), and the
   * model is the average of the weights over the second half of the epochs. A message that
   * words a request differently shares only some of a training utterance's n-grams: dropout
   * teaches the head to rely on many of them rather than on the few that tell the training
   * examples apart (see TRAINING_OPTIONS in train.ts for what it bought).
   */
  featureDropout?: number;
}

/**
 * Multinomial logistic regression over the hashed n-gram features, trained with AdaGrad SGD
 * (per-weight step sizes suit sparse features: a rare Khmer n-gram learns as fast as "card").
 * Cross-validated on the training data (5 folds, stratified by language and intent), it scored
 * 0.75 top-1 against 0.68 for the previous centroid + perceptron model on the same folds.
 */
const LEARNING_RATE = 0.5;
/** L2 pull on the weights an example touches: keeps single-utterance n-grams from dominating. */
const L2 = 1e-4;
const DEFAULT_EPOCHS = 20;
/** Telling languages apart is easy: a few passes suffice (and keep training time down). */
const LANGUAGE_EPOCHS = 5;

export const DEFAULT_MIN_DOCUMENT_FREQUENCY = 2;

export function trainIntentModel(examples: readonly Example[], options: TrainingOptions = {}): ModelData {
  const intents = [...new Set(examples.map((example) => example.intent))];
  const languages = [...new Set(examples.map((example) => example.language))].filter(
    (language) => !options.languageHead || options.languageHead.includes(language),
  );
  const counts = examples.map((example) => extractFeatures(example.text));
  const minDocumentFrequency = options.minDocumentFrequency ?? DEFAULT_MIN_DOCUMENT_FREQUENCY;

  // Rows for the buckets the training data uses often enough, in bucket order.
  const documentFrequency = new Map<number, number>();
  for (const termCounts of counts)
    for (const id of termCounts.keys()) documentFrequency.set(id, (documentFrequency.get(id) ?? 0) + 1);
  const buckets = Uint32Array.from(
    [...documentFrequency].filter(([, frequency]) => frequency >= minDocumentFrequency).map(([id]) => id),
  ).sort();
  const rowOf = new Map<number, number>();
  buckets.forEach((id, row) => {
    rowOf.set(id, row);
  });
  const idf = Float16Array.from(
    buckets,
    (id) => Math.log((examples.length + 1) / ((documentFrequency.get(id) ?? 0) + 1)) + 1,
  );
  const vectors = counts.map((termCounts) => vectorize(termCounts, (id) => rowOf.get(id), idf));
  const random = seededRandom(options.seed ?? 1);
  const epochs = options.epochs ?? DEFAULT_EPOCHS;
  const intentHead = trainHead(
    vectors,
    examples.map((example) => intents.indexOf(example.intent)),
    intents.length,
    { rows: buckets.length, epochs, random, dropout: options.featureDropout ?? 0 },
  );
  const headed = examples.flatMap((example, index) => (languages.includes(example.language) ? [index] : []));
  const languageHead = trainHead(
    headed.map((index) => vectors[index] as SparseVector),
    headed.map((index) => languages.indexOf((examples[index] as Example).language)),
    languages.length,
    { rows: buckets.length, epochs: Math.min(epochs, LANGUAGE_EPOCHS), random, dropout: 0 },
  );
  const wordFrequency = new Map<number, number>();
  for (const example of examples)
    for (const hash of new Set(wordHashes(example.text)))
      wordFrequency.set(hash, (wordFrequency.get(hash) ?? 0) + 1);
  const words = Uint32Array.from(
    [...wordFrequency].filter(([, frequency]) => frequency >= minDocumentFrequency).map(([hash]) => hash),
  ).sort();
  return {
    intents,
    languages,
    words,
    temperature: 1,
    buckets,
    idf,
    intentHead,
    languageHead,
  };
}

/**
 * One softmax head trained by AdaGrad SGD over the shared vectors, then quantised. With `dropout`,
 * each feature of an example is kept with probability 1 - dropout and scaled by 1 / (1 - dropout)
 * (its expected value unchanged), and the head returned is the average of the weights at the end
 * of each epoch of the second half: the weights of one noisy step are not the model.
 */
function trainHead(
  vectors: readonly SparseVector[],
  labels: readonly number[],
  classes: number,
  { rows, epochs, random, dropout }: { rows: number; epochs: number; random: () => number; dropout: number },
): Head {
  const weights = new Float32Array(rows * classes);
  const squaredGradients = new Float32Array(rows * classes);
  const gradient = new Float64Array(classes);
  const order = vectors.map((_, index) => index);
  const keptScale = 1 / (1 - dropout);
  let kept = new Int32Array(256);
  const sum = dropout > 0 ? new Float32Array(rows * classes) : undefined;
  let summed = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    for (const index of order) {
      const vector = vectors[index] as SparseVector;
      if (kept.length < vector.rows.length) kept = new Int32Array(vector.rows.length);
      let count = 0;
      for (let k = 0; k < vector.rows.length; k++)
        if (dropout === 0 || random() >= dropout) kept[count++] = k;
      gradient.fill(0);
      for (let i = 0; i < count; i++) {
        const k = kept[i] as number;
        const offset = (vector.rows[k] as number) * classes;
        const value = (vector.values[k] as number) * keptScale;
        for (let c = 0; c < classes; c++)
          gradient[c] = (gradient[c] as number) + (weights[offset + c] as number) * value;
      }
      softmaxInPlace(gradient, 1);
      gradient[labels[index] as number] = (gradient[labels[index] as number] ?? 0) - 1;
      for (let i = 0; i < count; i++) {
        const k = kept[i] as number;
        const offset = (vector.rows[k] as number) * classes;
        const value = (vector.values[k] as number) * keptScale;
        for (let c = 0; c < classes; c++) {
          const weight = weights[offset + c] as number;
          const step = (gradient[c] as number) * value + L2 * weight;
          const accumulated = (squaredGradients[offset + c] as number) + step * step;
          squaredGradients[offset + c] = accumulated;
          weights[offset + c] = weight - (LEARNING_RATE * step) / Math.sqrt(accumulated + 1e-8);
        }
      }
    }
    if (sum && epoch >= epochs / 2) {
      for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + (weights[i] as number);
      summed++;
    }
  }
  if (sum) for (let i = 0; i < sum.length; i++) weights[i] = (sum[i] as number) / summed;
  return quantize(weights, classes);
}

/** A trained model ready to score texts. */
export class IntentModel {
  readonly #data: ModelData;
  #last: { text: string; result: ReturnType<IntentModel['score']> } | undefined;
  /** Scratch space of `#vectorize`, reused by every message (grown for longer ones). */
  #scratch = { buckets: new Uint32Array(1024), rows: new Int32Array(1024), values: new Float64Array(1024) };

  /** Per head, the number of kept rows before each 32-row word of its bitmap (see `headRow`). */
  readonly #intentRanks: Uint32Array;
  readonly #languageRanks: Uint32Array;

  constructor(data: ModelData) {
    this.#data = data;
    this.#intentRanks = ranksOf(data.intentHead.present);
    this.#languageRanks = ranksOf(data.languageHead.present);
  }

  get data(): ModelData {
    return this.#data;
  }

  /** Raw (uncalibrated) per-intent scores, in `data.intents` order: what cross-validation calibrates. */
  rawScores(text: string): Float64Array {
    return this.#raw(this.#vectorize(text));
  }

  /**
   * Intents by confidence, best first, and the training languages by probability (in
   * `data.languages` order) from the language head. `known` is false when the text shares no
   * feature with the training data.
   */
  score(text: string): Readonly<{ ranked: readonly Scored[]; languages: Float64Array; known: boolean }> {
    // The engine asks for the language and then the intent of the same message: scored once.
    if (this.#last?.text === text) return this.#last.result;
    const vector = this.#vectorize(text);
    const { intents, temperature } = this.#data;
    const probabilities = softmaxInPlace(this.#raw(vector), temperature);
    const ranked = intents.map((intent, index) => ({ intent, confidence: probabilities[index] as number }));
    ranked.sort((a, b) => b.confidence - a.confidence);
    const languages = softmaxInPlace(
      linear(vector, this.#data.languageHead, this.#languageRanks, this.#data.languages.length),
      1,
    );
    const result = { ranked, languages, known: vector.rows.length > 0 };
    this.#last = { text, result };
    return result;
  }

  /**
   * The share of the text's words (of two or more) that the training data uses (in any language),
   * or undefined for a single word. Text in a language the model was never trained on has few:
   * character n-grams are shared across languages, whole words much less.
   */
  wordCoverage(text: string): number | undefined {
    const words = wordHashes(text);
    if (words.length < 2) return undefined;
    return words.filter((hash) => indexIn(this.#data.words, hash) >= 0).length / words.length;
  }

  /**
   * The text's vector, built in reused typed arrays: the buckets of its features are collected,
   * sorted and counted in runs (no Map, no strings, no arrays per message). Valid until the next
   * call; the scores read it at once.
   */
  #vectorize(text: string): SparseVector {
    let scratch = this.#scratch;
    let count = 0;
    forEachFeature(text, (id) => {
      if (count === scratch.buckets.length) {
        const grown = new Uint32Array(count * 2);
        grown.set(scratch.buckets);
        scratch = { buckets: grown, rows: new Int32Array(count * 2), values: new Float64Array(count * 2) };
        this.#scratch = scratch;
      }
      scratch.buckets[count++] = id;
    });
    const { buckets, rows, values } = scratch;
    buckets.subarray(0, count).sort();
    const { idf } = this.#data;
    let kept = 0;
    for (let index = 0; index < count; ) {
      const id = buckets[index] as number;
      let repeats = 1;
      while (index + repeats < count && buckets[index + repeats] === id) repeats++;
      index += repeats;
      const row = indexIn(this.#data.buckets, id);
      if (row < 0) continue;
      rows[kept] = row;
      values[kept++] = termWeight(repeats, idf[row] as number);
    }
    return { rows: rows.subarray(0, kept), values: l2Normalized(values, kept) };
  }

  #raw(vector: SparseVector): Float64Array {
    return linear(vector, this.#data.intentHead, this.#intentRanks, this.#data.intents.length);
  }
}

/**
 * The index of `value` in a sorted array, or -1: a binary search (~20 steps) per n-gram costs a few
 * microseconds per message and no memory, where a bucket → row table took 16 MB at 2^22 buckets.
 */
function indexIn(sorted: Uint32Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = sorted[middle] as number;
    if (found === value) return middle;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** Scores of one quantised head for a vector. */
function linear(vector: SparseVector, head: Head, ranks: Uint32Array, classes: number): Float64Array {
  const { present, scales, weights } = head;
  const scores = new Float64Array(classes);
  for (let k = 0; k < vector.rows.length; k++) {
    const row = headRow(present, ranks, vector.rows[k] as number);
    if (row < 0) continue;
    const offset = row * classes;
    const value = (vector.values[k] as number) * (scales[row] as number);
    for (let c = 0; c < classes; c++)
      scores[c] = (scores[c] as number) + (weights[offset + c] as number) * value;
  }
  return scores;
}

/** Prefix counts of a bitmap's set bits, one per 32-bit word. */
function ranksOf(present: Uint32Array): Uint32Array {
  const ranks = new Uint32Array(present.length);
  let total = 0;
  for (let word = 0; word < present.length; word++) {
    ranks[word] = total;
    total += bitCount(present[word] as number);
  }
  return ranks;
}

/** A model row's index among a head's kept rows, or -1 when the head has no weights for it. */
function headRow(present: Uint32Array, ranks: Uint32Array, row: number): number {
  const word = row >>> 5;
  const bit = 1 << (row & 31);
  const bits = present[word] as number;
  if ((bits & bit) === 0) return -1;
  return (ranks[word] as number) + bitCount(bits & (bit - 1));
}

function bitCount(bits: number): number {
  let v = bits - ((bits >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

/** A sublinear-tf × IDF vector over model rows, L2-normalised; unknown buckets are dropped. */
interface SparseVector {
  rows: Int32Array;
  values: Float32Array;
}

function vectorize(
  termCounts: Map<number, number>,
  rowOf: (id: number) => number | undefined,
  idf: Float16Array,
): SparseVector {
  const rows: number[] = [];
  const values: number[] = [];
  for (const [id, count] of termCounts) {
    const row = rowOf(id);
    if (row === undefined) continue;
    rows.push(row);
    values.push(termWeight(count, idf[row] as number));
  }
  return { rows: Int32Array.from(rows), values: l2Normalized(values, values.length) };
}

/** The first `count` values scaled to unit length (all zero stays zero). */
function l2Normalized(values: ArrayLike<number>, count: number): Float32Array {
  let squares = 0;
  for (let k = 0; k < count; k++) squares += (values[k] as number) ** 2;
  const norm = Math.sqrt(squares) || 1;
  const normalized = new Float32Array(count);
  for (let k = 0; k < count; k++) normalized[k] = (values[k] as number) / norm;
  return normalized;
}

/** Sublinear term frequency × IDF: a repeated n-gram is evidence, not proportionally more evidence. */
function termWeight(count: number, idf: number): number {
  return (1 + Math.log(count)) * idf;
}

/** Turns scores into probabilities in place (scores / temperature, max-shifted for stability). */
export function softmaxInPlace(scores: Float64Array, temperature: number): Float64Array {
  let top = Number.NEGATIVE_INFINITY;
  for (const score of scores) top = Math.max(top, score);
  let total = 0;
  for (let c = 0; c < scores.length; c++) {
    const value = Math.exp(((scores[c] as number) - top) / temperature);
    scores[c] = value;
    total += value;
  }
  for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] as number) / total;
  return scores;
}

/** A trained head in int8 with a half-precision scale per row, its all-zero rows left out. */
function quantize(weights: Float32Array, classes: number): Head {
  const rows = weights.length / classes;
  const present = new Uint32Array(Math.ceil(rows / 32));
  const kept: number[] = [];
  for (let row = 0; row < rows; row++) {
    for (let c = 0; c < classes; c++) {
      if (weights[row * classes + c] !== 0) {
        present[row >>> 5] = (present[row >>> 5] as number) | (1 << (row & 31));
        kept.push(row);
        break;
      }
    }
  }
  const scales = new Float16Array(kept.length);
  const quantized = new Int8Array(kept.length * classes);
  kept.forEach((row, index) => {
    let largest = 0;
    for (let c = 0; c < classes; c++)
      largest = Math.max(largest, Math.abs(weights[row * classes + c] as number));
    // Rounded to half precision first, so that the int8 values are scaled by the stored scale.
    const scale = Math.f16round(largest / 127) || 1;
    scales[index] = scale;
    for (let c = 0; c < classes; c++)
      quantized[index * classes + c] = Math.max(
        -127,
        Math.min(127, Math.round((weights[row * classes + c] as number) / scale)),
      );
  });
  return { present, scales, weights: quantized };
}

/** Mulberry32: a tiny seeded generator, so training is reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function shuffle(items: number[], random: () => number): void {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other] as number, items[index] as number];
  }
}
