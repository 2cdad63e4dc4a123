import { describe, expect, it } from 'vitest';
import { type Example, IntentModel, trainIntentModel } from '../../src/nlu/classifier.ts';

const lost = [
  'wallet stolen',
  'dropped it on the train',
  'cannot find it',
  'left it in a taxi',
  'pickpocket took it',
];
const renew = [
  'expires next month',
  'period of stay ends',
  'contract continues',
  'papers for more time',
  'deadline soon',
];
const examples: Example[] = [
  ...lost.map((context) => ({ text: `my card ${context}`, intent: 'lost-card' as const, language: 'en' })),
  ...renew.map((context) => ({ text: `my visa ${context}`, intent: 'extend-stay' as const, language: 'en' })),
];

describe('trainIntentModel with featureDropout', () => {
  it('still learns the training examples', () => {
    const model = new IntentModel(trainIntentModel(examples, { featureDropout: 0.8 }));
    for (const { text, intent } of examples) expect(model.score(text).ranked[0]?.intent).toBe(intent);
    expect(model.score('the pickpocket took my card').ranked[0]?.intent).toBe('lost-card');
    expect(model.score('my visa expires soon').ranked[0]?.intent).toBe('extend-stay');
  });

  it('trains a different head than without it, and the same one with 0 (the default)', () => {
    const plain = trainIntentModel(examples);
    expect(trainIntentModel(examples, { featureDropout: 0 }).intentHead).toEqual(plain.intentHead);
    expect(trainIntentModel(examples, { featureDropout: 0.8 }).intentHead.weights).not.toEqual(
      plain.intentHead.weights,
    );
  });

  it('is reproducible: the same seed gives the same weights (the committed model can be rebuilt)', () => {
    const first = trainIntentModel(examples, { featureDropout: 0.8, seed: 7 });
    const second = trainIntentModel(examples, { featureDropout: 0.8, seed: 7 });
    expect(second.intentHead).toEqual(first.intentHead);
    expect(trainIntentModel(examples, { featureDropout: 0.8, seed: 8 }).intentHead.weights).not.toEqual(
      first.intentHead.weights,
    );
  });
});
