import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeLanguageCode } from '../i18n/language-codes.ts';
import { isIntent } from '../intents.ts';
import type { Example } from './classifier.ts';

export const TRAINING_DIRECTORY = join(import.meta.dirname, 'data', 'train');

/**
 * Reads every `<lang>.json` in the training folder (`{ "<intent>": ["utterance", …] }`), whichever
 * languages exist: data for more languages is added by dropping files in. Fails at startup on an
 * unknown language or intent, naming the file to fix.
 */
export function loadTrainingExamples(directory = TRAINING_DIRECTORY): Example[] {
  const examples: Example[] = [];
  for (const file of readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
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
