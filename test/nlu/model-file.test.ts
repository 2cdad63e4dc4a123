import { describe, expect, it } from 'vitest';
import { IntentModel, trainIntentModel } from '../../src/nlu/classifier.ts';
import { decodeModelFile, encodeModelFile, readModelFile } from '../../src/nlu/model-file.ts';
import { chooseThreshold } from '../../src/nlu/train.ts';
import { trainingDataHash } from '../../src/nlu/training-data.ts';

describe('the committed intent model', () => {
  it('was built from the current training files (else run `npm run train:nlu`)', () => {
    expect(readModelFile().trainingHash).toBe(trainingDataHash());
  });

  it('has a cross-validated threshold and temperature', () => {
    const { threshold, model } = readModelFile();
    expect(threshold).toBeGreaterThan(0);
    expect(threshold).toBeLessThan(1);
    expect(model.temperature).toBeGreaterThan(0);
  });
});

describe('encodeModelFile / decodeModelFile', () => {
  it('round-trips a model so that it scores texts identically', () => {
    const model = trainIntentModel(
      [
        { text: 'hello there', intent: 'menu', language: 'en' },
        { text: 'I lost my card', intent: 'lost-card', language: 'en' },
        { text: "j'ai perdu ma carte", intent: 'lost-card', language: 'fr' },
      ],
      { epochs: 5 },
    );
    const decoded = decodeModelFile(encodeModelFile({ model, threshold: 0.4, trainingHash: 'abc' }));
    expect(decoded.threshold).toBe(0.4);
    expect(decoded.trainingHash).toBe('abc');
    for (const text of ['lost card', 'hello', 'carte perdue']) {
      expect(new IntentModel(decoded.model).score(text)).toEqual(new IntentModel(model).score(text));
    }
  });

  it("leaves out a head's rows without weights: n-grams no example of the head's languages has", () => {
    const model = trainIntentModel(
      [
        { text: 'I lost my card', intent: 'lost-card', language: 'en' },
        { text: "j'ai perdu ma carte", intent: 'lost-card', language: 'fr' },
        { text: 'hello there', intent: 'menu', language: 'en' },
        { text: 'ฉันทำบัตรหาย', intent: 'lost-card', language: 'th' },
      ],
      { epochs: 5, languageHead: ['en', 'fr'], minDocumentFrequency: 1 },
    );
    // Every row has intent weights; the Thai n-grams have no language weights and are not stored.
    expect(model.intentHead.scales.length).toBe(model.buckets.length);
    expect(model.languageHead.scales.length).toBeGreaterThan(0);
    expect(model.languageHead.scales.length).toBeLessThan(model.buckets.length);
    const decoded = new IntentModel(
      decodeModelFile(encodeModelFile({ model, threshold: 0.5, trainingHash: '' })).model,
    );
    // Thai text reaches no language row: even odds. The kept rows still tell English from French.
    expect([...decoded.score('ฉันทำบัตรหาย').languages]).toEqual([0.5, 0.5]);
    expect(decoded.score('ฉันทำบัตรหาย').ranked[0]?.intent).toBe('lost-card');
    const english = decoded.score('I lost my card').languages;
    expect(english[model.languages.indexOf('en')]).toBeGreaterThan(0.5);
    const french = decoded.score("j'ai perdu ma carte").languages;
    expect(french[model.languages.indexOf('fr')]).toBeGreaterThan(0.5);
  });

  it('rejects a file that is not a model', () => {
    expect(() =>
      decodeModelFile(
        encodeModelFile({ model: trainIntentModel([]), threshold: 0, trainingHash: '' }).subarray(0, 10),
      ),
    ).toThrow();
  });
});

describe('chooseThreshold', () => {
  it('picks the lowest threshold whose wrong-answer rate is within the limit', () => {
    const predictions = [
      { language: 'en', correct: true, confidence: 0.9 },
      { language: 'en', correct: false, confidence: 0.6 },
      { language: 'en', correct: true, confidence: 0.5 },
      { language: 'en', correct: false, confidence: 0.3 },
    ];
    expect(chooseThreshold(predictions, 0.25)).toBe(0.31);
    expect(chooseThreshold(predictions, 0)).toBe(0.61);
  });
});
