import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLabelledItems } from '../../src/nlu/evaluation.ts';
import { normalizeText } from '../../src/nlu/normalize.ts';
import { loadTrainingExamples } from '../../src/nlu/training-data.ts';

const HELD_OUT = join(import.meta.dirname, '../fixtures/nlu/heldout');

describe('the held-out set', () => {
  it('shares no utterance with the training data (the evaluation would flatter the model)', () => {
    const training = new Set(loadTrainingExamples().map(({ text }) => normalizeText(text)));
    const leaked = readLabelledItems([HELD_OUT])
      .map(({ text }) => text)
      .filter((text) => training.has(normalizeText(text)));
    expect(leaked).toEqual([]);
  });
});
