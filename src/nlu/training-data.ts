import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeLanguageCode } from '../i18n/language-codes.ts';
import { isIntent } from '../intents.ts';
import { DEV_DIRECTORY, TRAINING_DIRECTORY } from '../paths.ts';
import type { Example } from './classifier.ts';

export { DEV_DIRECTORY, TRAINING_DIRECTORY };

/**
 * Reads every `<lang>.json` in the training folder (`{ "<intent>": ["utterance", …] }`), whichever
 * languages exist: data for more languages is added by dropping files in. Fails at startup on an
 * unknown language or intent, naming the file to fix.
 */
export function loadTrainingExamples(directory = TRAINING_DIRECTORY): Example[] {
  const examples: Example[] = [];
  for (const file of trainingFiles(directory)) {
    const language = normalizeLanguageCode(file.slice(0, -'.json'.length));
    if (!language) throw new Error(`loadTrainingExamples(): ${file} is not named after one of our languages`);
    const data = JSON.parse(readFileSync(join(directory, file), 'utf8')) as Record<string, string[]>;
    for (const [intent, utterances] of Object.entries(data)) {
      if (!isIntent(intent))
        throw new Error(`loadTrainingExamples(): ${file} has unknown intent "${intent}"`);
      for (const text of utterances) examples.push({ text, intent, language });
    }
  }
  return examples;
}

function trainingFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/**
 * sha256 over the names and contents of the files the model is built from (the training data and
 * the dev set its threshold is chosen on): stored in the model file, so that a model not rebuilt
 * after the data changed is caught (test/nlu/model-file.test.ts, `train:nlu -- --check`).
 */
export function trainingDataHash(directories = [TRAINING_DIRECTORY, DEV_DIRECTORY]): string {
  const hash = createHash('sha256');
  for (const directory of directories)
    for (const file of trainingFiles(directory))
      hash
        .update(file)
        .update('\0')
        .update(readFileSync(join(directory, file)));
  return hash.digest('hex');
}
