/**
 * `npm run eval:nlu -- FILE.jsonl|DIR … [--json]`: scores the intent classifier on labelled lines
 * `{"text", "intent", "lang"?}`. Prints accuracy, unsure and wrong-intent rates per language and
 * overall, and the confusion pairs; `--json` prints one JSON object instead. Exits 0 whatever the
 * score (it measures, it does not gate).
 */
import { evaluate, readLabelledItems } from '../nlu/evaluation.ts';
import { createIntentClassifier } from '../nlu/index.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const paths = args.filter((arg) => arg !== '--json');
if (paths.length === 0) {
  console.error('usage: npm run eval:nlu -- FILE.jsonl|DIRECTORY [more…] [--json]');
  process.exit(2);
}

const report = evaluate(createIntentClassifier(), readLabelledItems(paths));
if (json) {
  console.log(JSON.stringify(report));
} else {
  const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`.padStart(7);
  console.log(`${'language'.padEnd(10)} ${'n'.padStart(5)} accuracy  unsure   wrong`);
  for (const [language, rates] of [
    ...Object.entries(report.languages),
    ['overall', report.overall] as const,
  ]) {
    console.log(
      `${language.padEnd(10)} ${String(rates.n).padStart(5)} ${percent(rates.accuracy)} ${percent(rates.unsure)} ${percent(rates.wrong)}`,
    );
  }
  if (report.confusions.length > 0) {
    console.log('\nconfusions (expected → predicted):');
    for (const { expected, predicted, count } of report.confusions)
      console.log(`  ${count}× ${expected} → ${predicted}`);
  }
}
