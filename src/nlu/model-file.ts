/**
 * The trained intent model as one gzip'd binary file, committed to the repository so that the bot
 * is ready in milliseconds instead of training at start (training takes tens of seconds). Layout:
 * "MNLU" magic, a uint32 header length, a JSON header, then the typed arrays each padded to 4 bytes.
 * The header records the hash of the training files the model was built from, so a test (and
 * `npm run train:nlu -- --check`) can tell when the committed model is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Intent } from '../intents.ts';
import type { ModelData } from './classifier.ts';
import { FEATURE_BITS } from './features.ts';

export const MODEL_FILE = join(import.meta.dirname, 'model', 'intent-model.bin.gz');
const MAGIC = 'MNLU';

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
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const parts = [Buffer.from(MAGIC), length, pad(headerBytes)];
  for (const array of [model.buckets, model.idf, model.scales, model.weights, model.rowLanguages])
    parts.push(pad(Buffer.from(array.buffer, array.byteOffset, array.byteLength)));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

export function decodeModelFile(compressed: Buffer): ModelFile {
  const bytes = gunzipSync(compressed);
  if (bytes.toString('latin1', 0, 4) !== MAGIC)
    throw new Error('decodeModelFile(): not an intent model file');
  const headerLength = bytes.readUInt32LE(4);
  const header = JSON.parse(bytes.toString('utf8', 8, 8 + headerLength)) as Header;
  if (header.featureBits !== FEATURE_BITS)
    throw new Error('decodeModelFile(): model built with other feature hashing, run `npm run train:nlu`');
  let offset = 8 + padded(headerLength);
  // Copies (slice) so that each array is aligned and the decompressed buffer can be freed.
  const take = <T>(make: (buffer: ArrayBuffer) => T, byteLength: number): T => {
    const array = make(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + byteLength));
    offset += padded(byteLength);
    return array;
  };
  const { rows } = header;
  const classes = header.intents.length;
  const model: ModelData = {
    intents: header.intents,
    languages: header.languages,
    temperature: header.temperature,
    buckets: take((buffer) => new Uint32Array(buffer), rows * 4),
    idf: take((buffer) => new Float32Array(buffer), rows * 4),
    scales: take((buffer) => new Float32Array(buffer), rows * 4),
    weights: take((buffer) => new Int8Array(buffer), rows * classes),
    rowLanguages: take((buffer) => new Uint8Array(buffer), rows),
  };
  return { model, threshold: header.threshold, trainingHash: header.trainingHash };
}

export function readModelFile(path = MODEL_FILE): ModelFile {
  return decodeModelFile(readFileSync(path));
}

export function writeModelFile(file: ModelFile, path = MODEL_FILE): void {
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
