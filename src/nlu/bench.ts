/**
 * `npm run bench:nlu`: in this fresh process, prints how long the classifier takes to be ready
 * (since process start and for the imports and model load alone), the resident memory before and
 * after (process.memoryUsage().rss), and classification latency percentiles over the training
 * utterances (each classified once, after one warm-up pass). Measures, asserts nothing.
 */
const bareRss = process.memoryUsage().rss;
const importStart = performance.now();
const { createIntentClassifier } = await import('./intent-classifier.ts');
const { loadTrainingExamples } = await import('./training-data.ts');
const imported = performance.now();
const classifier = createIntentClassifier();
classifier.classify('warm up');
const ready = performance.now();
const readyRss = process.memoryUsage().rss;

const texts = loadTrainingExamples().map(({ text }) => text);
for (const text of texts) classifier.classify(text);
const latencies = texts.map((text) => {
  const start = performance.now();
  classifier.classify(text);
  return performance.now() - start;
});
latencies.sort((a, b) => a - b);
const percentile = (p: number) =>
  (latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0).toFixed(3);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

console.log(
  `ready ${ready.toFixed(0)} ms after process start (imports ${(imported - importStart).toFixed(0)} ms, model load ${(ready - imported).toFixed(0)} ms)`,
);
console.log(
  `RSS ${mb(bareRss)} at start → ${mb(readyRss)} ready (+${mb(readyRss - bareRss)}), ${mb(process.memoryUsage().rss)} after the latency run`,
);
console.log(
  `classify latency over ${latencies.length} texts: p50 ${percentile(0.5)} ms, p99 ${percentile(0.99)} ms, max ${percentile(1)} ms`,
);
