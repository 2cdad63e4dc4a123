/**
 * The trained intent model as one binary file, committed to the repository so that the bot is
 * ready in milliseconds instead of training at start (training takes minutes). Not gzip'd: git
 * compresses what it stores anyway, and the arrays are used in place from the file's bytes
 * (gunzip took 75 ms of the start and a second copy of the model in memory). Layout:
 * "MNLU" magic, a uint32 header length, a JSON header, then the typed arrays each padded to 4 bytes.
 * The header records the hash of the training files the model was built from, so a test (and
 * `npm run train:nlu -- --check`) can tell when the committed model is stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Intent } from '../intents.ts';
import { INTENT_MODEL_FILE } from '../paths.ts';
import { type Head, IntentModel, type ModelData } from './classifier.ts';
import { FEATURE_BITS } from './features.ts';

export const MODEL_FILE = INTENT_MODEL_FILE;
// MNL3: heads without their all-zero rows, half-precision IDF and scales (MNL2 stored every row of
// both heads with float32 IDF and scales: 28 MB where MNL3 took 21 MB, on the same data; MNLU had a
// per-bucket language vote).
const MAGIC = 'MNL3';

export interface ModelFile {
  model: ModelData;
  /** Confidence below which the classifier answers "unsure" (cross-validated, see train.ts). */
  threshold: number;
  /** sha256 of the training files the model was built from (`trainingDataHash()`). */
  trainingHash: string;
}

interface Header {
  intents: Intent[];
  languages: string[];
  temperature: number;
  threshold: number;
  trainingHash: string;
  featureBits: number;
  rows: number;
  /** Rows each head keeps (the set bits of its bitmap). */
  intentRows: number;
  languageRows: number;
  words: number;
}

export function encodeModelFile({ model, threshold, trainingHash }: ModelFile): Buffer {
  const header: Header = {
    intents: model.intents,
    languages: model.languages,
    temperature: model.temperature,
    threshold,
    trainingHash,
    featureBits: FEATURE_BITS,
    rows: model.buckets.length,
    intentRows: model.intentHead.scales.length,
    languageRows: model.languageHead.scales.length,
    words: model.words.length,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const parts = [Buffer.from(MAGIC), length, pad(headerBytes)];
  for (const array of [
    model.buckets,
    model.idf,
    ...[model.intentHead, model.languageHead].flatMap(({ present, scales, weights }) => [
      present,
      scales,
      weights,
    ]),
    model.words,
  ])
    parts.push(pad(Buffer.from(array.buffer, array.byteOffset, array.byteLength)));
  return Buffer.concat(parts);
}

export function decodeModelFile(bytes: Buffer): ModelFile {
  if (bytes.toString('latin1', 0, 4) !== MAGIC)
    throw new Error('decodeModelFile(): not an intent model file');
  const headerLength = bytes.readUInt32LE(4);
  const header = JSON.parse(bytes.toString('utf8', 8, 8 + headerLength)) as Header;
  if (header.featureBits !== FEATURE_BITS)
    throw new Error('decodeModelFile(): model built with other feature hashing, run `npm run train:nlu`');
  let offset = 8 + padded(headerLength);
  // Views on the file's bytes when they are 4-byte aligned (a large read has a buffer of its own),
  // copies otherwise.
  const aligned = bytes.byteOffset % 4 === 0;
  const take = <T>(make: (buffer: ArrayBuffer, byteOffset: number) => T, byteLength: number): T => {
    const start = bytes.byteOffset + offset;
    const array = aligned
      ? make(bytes.buffer as ArrayBuffer, start)
      : make(bytes.buffer.slice(start, start + byteLength) as ArrayBuffer, 0);
    offset += padded(byteLength);
    return array;
  };
  const { rows } = header;
  const head = (kept: number, classes: number): Head => ({
    present: take(
      (buffer, at) => new Uint32Array(buffer, at, Math.ceil(rows / 32)),
      Math.ceil(rows / 32) * 4,
    ),
    scales: take((buffer, at) => new Float16Array(buffer, at, kept), kept * 2),
    weights: take((buffer, at) => new Int8Array(buffer, at, kept * classes), kept * classes),
  });
  const model: ModelData = {
    intents: header.intents,
    languages: header.languages,
    temperature: header.temperature,
    buckets: take((buffer, at) => new Uint32Array(buffer, at, rows), rows * 4),
    idf: take((buffer, at) => new Float16Array(buffer, at, rows), rows * 2),
    intentHead: head(header.intentRows, header.intents.length),
    languageHead: head(header.languageRows, header.languages.length),
    words: take((buffer, at) => new Uint32Array(buffer, at, header.words), header.words * 4),
  };
  return { model, threshold: header.threshold, trainingHash: header.trainingHash };
}

export function readModelFile(path = MODEL_FILE): ModelFile {
  return decodeModelFile(readFileSync(path));
}

export function writeModelFile(file: ModelFile, path = MODEL_FILE): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encodeModelFile(file));
}

function padded(length: number): number {
  return Math.ceil(length / 4) * 4;
}

function pad(bytes: Buffer): Buffer {
  return bytes.length % 4 === 0
    ? bytes
    : Buffer.concat([bytes, Buffer.alloc(padded(bytes.length) - bytes.length)]);
}

let shared: IntentModel | undefined;
let sharedThreshold = 0.5;

/**
 * The committed model, loaded once per process and shared by the intent classifier and language
 * detection (it is the largest thing in memory; two copies would double that).
 */
export function sharedModel(): { model: IntentModel; threshold: number } {
  if (!shared) {
    const file = readModelFile();
    shared = new IntentModel(file.model);
    sharedThreshold = file.threshold;
  }
  return { model: shared, threshold: sharedThreshold };
}
