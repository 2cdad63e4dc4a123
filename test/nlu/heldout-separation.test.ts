import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLabelledItems } from '../../src/nlu/evaluation.ts';
import { normalizeText } from '../../src/nlu/normalize.ts';
import { DEV_DIRECTORY, loadTrainingExamples } from '../../src/nlu/training-data.ts';

const HELD_OUT = join(import.meta.dirname, '../fixtures/nlu/heldout');

const normalized = (texts: readonly string[]) => new Set(texts.map(normalizeText));
const training = () => normalized(loadTrainingExamples().map(({ text }) => text));
const dev = () => loadTrainingExamples(DEV_DIRECTORY).map(({ text }) => text);
const heldOut = () => readLabelledItems([HELD_OUT]).map(({ text }) => text);

describe('the held-out set', () => {
  it('shares no utterance with the training data (the evaluation would flatter the model)', () => {
    const seen = training();
    expect(heldOut().filter((text) => seen.has(normalizeText(text)))).toEqual([]);
  });

  it('shares no utterance with the dev set the threshold is chosen on', () => {
    const seen = normalized(dev());
    expect(heldOut().filter((text) => seen.has(normalizeText(text)))).toEqual([]);
  });
});

describe('the dev set', () => {
  it('shares no utterance with the training data (the threshold would be chosen on easy messages)', () => {
    const seen = training();
    expect(dev().filter((text) => seen.has(normalizeText(text)))).toEqual([]);
  });
});
