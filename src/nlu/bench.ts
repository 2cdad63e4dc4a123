/**
 * `npm run bench:nlu`: in this fresh process, prints how long language understanding takes to be
 * ready (since process start, and for the imports and the model load alone), the resident memory
 * before and after (process.memoryUsage().rss), and latency percentiles over the training
 * utterances (each once, after one warm-up pass) for intent classification alone and for what the
 * engine runs on a conversation's first message (unsupported-language check, language detection,
 * classification). Measures, asserts nothing.
 */
const bareRss = process.memoryUsage().rss;
const importStart = performance.now();
const { createIntentClassifier } = await import('./intent-classifier.ts');
const { detectLanguage } = await import('./language-detection.ts');
const { detectUnsupportedLanguage } = await import('./unsupported-language.ts');
const { loadTrainingExamples } = await import('./training-data.ts');
const imported = performance.now();
const classifier = createIntentClassifier();
classifier.classify('warm up');
detectLanguage('warm up the language detection');
detectUnsupportedLanguage('warm up the unsupported language check');
const ready = performance.now();
const readyRss = process.memoryUsage().rss;

const texts = loadTrainingExamples().map(({ text }) => text);
const firstMessage = (text: string) => {
  detectUnsupportedLanguage(text);
  detectLanguage(text);
  classifier.classify(text);
};
for (const text of texts) firstMessage(text);
const timed = (run: (text: string) => unknown) => {
  const latencies = texts.map((text) => {
    const start = performance.now();
    run(text);
    return performance.now() - start;
  });
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    (latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0).toFixed(3);
  return `p50 ${percentile(0.5)} ms, p99 ${percentile(0.99)} ms, max ${percentile(1)} ms`;
};
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

console.log(
  `ready ${ready.toFixed(0)} ms after process start (imports ${(imported - importStart).toFixed(0)} ms, model load ${(ready - imported).toFixed(0)} ms)`,
);
console.log(
  `RSS ${mb(bareRss)} at start → ${mb(readyRss)} ready (+${mb(readyRss - bareRss)}), ${mb(process.memoryUsage().rss)} after the latency runs`,
);
console.log(`classify over ${texts.length} texts: ${timed((text) => classifier.classify(text))}`);
console.log(`first message (unsupported check + language + classify): ${timed(firstMessage)}`);
