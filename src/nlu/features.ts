import { foldDiacritics, normalizeText } from './normalize.ts';

/**
 * Hashed feature space: 2^22 buckets keeps collisions between the million-odd n-grams of 21
 * languages' training data rare (at 2^20 nearly half the buckets were taken; cross-validated top-1
 * fell by about 1.5 points from 2^20 to 2^18), while the model only stores the buckets its
 * training data uses.
 */
export const FEATURE_BITS = 22;
const BUCKET_MASK = (1 << FEATURE_BITS) - 1;

/** Character n-gram lengths: 1–5 covers kanji compounds, Hangul syllable pairs and Latin stems. */
const MAX_CHAR_GRAM = 5;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** One FNV-1a step: folds one UTF-16 code unit into the hash. */
function fnvStep(hash: number, codeUnit: number): number {
  return Math.imul(hash ^ codeUnit, FNV_PRIME);
}

/** FNV-1a over UTF-16 code units: fast, deterministic across runs, good enough spread for hashing. */
function fnv1a(term: string, hash = FNV_OFFSET): number {
  for (let index = 0; index < term.length; index++) hash = fnvStep(hash, term.charCodeAt(index));
  return hash >>> 0;
}

// Feature kinds, hashed as the first code unit of the term, so that a word and the same-looking
// n-gram land in different buckets.
const CHAR_GRAM = fnvStep(FNV_OFFSET, 0x63); // 'c'
const WORD = fnvStep(FNV_OFFSET, 0x77); // 'w'
const WORD_BIGRAM = fnvStep(FNV_OFFSET, 0x62); // 'b'
const SPACE = 0x20;

/**
 * Calls `add` with the bucket of each feature of a text, repeats included: character 1–5-grams
 * of the accent-folded text (robust to typos and to any script, spaced or not: kanji, Thai, Khmer,
 * Myanmar have no word spaces), plus, for scripts that separate words with spaces, whole words
 * (kept with their accents, which carry meaning in Vietnamese and French) and folded word bigrams
 * ("lost card" vs "card lost"). The n-grams are hashed as they grow, code unit by code unit, with
 * no string built per n-gram: scoring a message allocated ~100 KB in n-gram strings and the Map
 * counting them, most of the server's garbage per request (the bucket of each term is the same
 * as hashing the term's string, so trained models keep working).
 */
export function forEachFeature(text: string, add: (bucket: number) => void): void {
  const normalized = normalizeText(text);
  const folded = foldDiacritics(normalized);
  // Punctuation and emoji only: nothing to recognise.
  if (folded.length === 0) return;
  const padded = ` ${folded} `;
  for (let start = 0; start < padded.length; ) {
    let hash = CHAR_GRAM;
    let end = start;
    for (let n = 1; n <= MAX_CHAR_GRAM && end < padded.length; n++) {
      // One code point: a surrogate pair is one character of the n-gram.
      const first = padded.charCodeAt(end);
      hash = fnvStep(hash, first);
      end++;
      if (first >= 0xd800 && first <= 0xdbff && end < padded.length) {
        const second = padded.charCodeAt(end);
        if (second >= 0xdc00 && second <= 0xdfff) {
          hash = fnvStep(hash, second);
          end++;
        }
      }
      if (n > 1 || first !== SPACE) add((hash >>> 0) & BUCKET_MASK);
      if (n === 1) start = end;
    }
  }
  const words = wordsOf(normalized);
  if (words.length > 1) {
    for (const word of words) add(fnv1a(word, WORD) & BUCKET_MASK);
    const foldedWords = wordsOf(folded);
    for (let index = 0; index + 1 < foldedWords.length; index++)
      add(
        fnv1a(
          foldedWords[index + 1] as string,
          fnvStep(fnv1a(foldedWords[index] as string, WORD_BIGRAM), SPACE),
        ) & BUCKET_MASK,
      );
  }
}

/** Hashed term counts of a text (see `forEachFeature`), for training. */
export function extractFeatures(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  forEachFeature(text, (id) => {
    counts.set(id, (counts.get(id) ?? 0) + 1);
  });
  return counts;
}

function wordsOf(normalized: string): string[] {
  return normalized.split(' ').filter((word) => word.length > 0);
}

/**
 * 32-bit hashes of the text's whole words (digits left out): the model keeps those of its training
 * vocabulary to tell how much of a text's wording it has seen at all (`IntentModel.wordCoverage`).
 */
export function wordHashes(text: string): number[] {
  return wordsOf(normalizeText(text))
    .filter((word) => !/^\d+$/.test(word))
    .map((word) => fnv1a(word));
}
