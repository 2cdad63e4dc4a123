import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeLanguageCode } from '../i18n/language-codes.ts';
import type { IntentClassifier } from './intent-classifier.ts';

export interface LabelledItem {
  text: string;
  intent: string;
  lang?: string;
}

export interface Rates {
  n: number;
  accuracy: number;
  unsure: number;
  wrong: number;
}

export interface EvaluationReport {
  overall: Rates;
  languages: Record<string, Rates>;
  /** Expected → predicted pairs of wrong answers, most frequent first. */
  confusions: { expected: string; predicted: string; count: number }[];
}

/** Reads `.jsonl` items from files and/or directories (every `.jsonl` inside, sorted). */
export function readLabelledItems(paths: readonly string[]): LabelledItem[] {
  const files = paths.flatMap((path) =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => name.endsWith('.jsonl'))
          .sort()
          .map((name) => join(path, name))
      : [path],
  );
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, index) => {
        const item = JSON.parse(line) as LabelledItem;
        if (typeof item.text !== 'string' || typeof item.intent !== 'string')
          throw new Error(`readLabelledItems(): ${file}:${index + 1} needs "text" and "intent" strings`);
        return item;
      }),
  );
}

/**
 * Scores a classifier: accuracy (right intent), unsure (no intent given) and wrong (a different
 * intent given) per language and overall. An item's language is its `lang` (normalised to our
 * codes) when given, else the detected one.
 */
export function evaluate(classifier: IntentClassifier, items: readonly LabelledItem[]): EvaluationReport {
  const tallies = new Map<string, { n: number; right: number; unsure: number; wrong: number }>();
  const overall = { n: 0, right: 0, unsure: 0, wrong: 0 };
  const confusions = new Map<string, number>();
  for (const item of items) {
    const result = classifier.classify(item.text);
    const language =
      (item.lang && (normalizeLanguageCode(item.lang) ?? item.lang)) ?? result.language ?? 'unknown';
    const tally = tallies.get(language) ?? { n: 0, right: 0, unsure: 0, wrong: 0 };
    tallies.set(language, tally);
    const outcome = result.intent === null ? 'unsure' : result.intent === item.intent ? 'right' : 'wrong';
    for (const counts of [tally, overall]) {
      counts.n++;
      counts[outcome]++;
    }
    if (outcome === 'wrong') {
      const key = `${item.intent}\t${result.intent}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
  }
  return {
    overall: rates(overall),
    languages: Object.fromEntries(
      [...tallies].sort(([a], [b]) => a.localeCompare(b)).map(([code, t]) => [code, rates(t)]),
    ),
    confusions: [...confusions]
      .map(([key, count]) => {
        const [expected = '', predicted = ''] = key.split('\t');
        return { expected, predicted, count };
      })
      .sort((a, b) => b.count - a.count),
  };
}

function rates({
  n,
  right,
  unsure,
  wrong,
}: {
  n: number;
  right: number;
  unsure: number;
  wrong: number;
}): Rates {
  const share = (count: number) => (n === 0 ? 0 : Math.round((count / n) * 10000) / 10000);
  return { n, accuracy: share(right), unsure: share(unsure), wrong: share(wrong) };
}
