import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/nlu/normalize.ts';
import { loadTrainingExamples } from '../../src/nlu/training-data.ts';

const HELD_OUT = join(import.meta.dirname, '../fixtures/nlu/heldout');

describe('the held-out set', () => {
  it('shares no utterance with the training data (the evaluation would flatter the model)', () => {
    const training = new Set(loadTrainingExamples().map(({ text }) => normalizeText(text)));
    const leaked = readdirSync(HELD_OUT)
      .flatMap((file) => readFileSync(join(HELD_OUT, file), 'utf8').split('\n'))
      .filter((line) => line.trim())
      .map((line) => (JSON.parse(line) as { text: string }).text)
      .filter((text) => training.has(normalizeText(text)));
    expect(leaked).toEqual([]);
  });
});
