/**
 * `npm run -s classify -- "text"`: prints the classifier's answer for one text as one JSON object
 * `{"intent", "confidence", "language", "alternatives"}` (intent null when unsure).
 */
import { createIntentClassifier } from '../nlu/index.ts';

const text = process.argv.slice(2).join(' ');
if (text.trim() === '') {
  console.error('usage: npm run -s classify -- "text to classify"');
  process.exit(2);
}
console.log(JSON.stringify(createIntentClassifier().classify(text)));
