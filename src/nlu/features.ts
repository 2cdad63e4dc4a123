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

/** FNV-1a over UTF-16 code units: fast, deterministic across runs, good enough spread for hashing. */
function fnv1a(term: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < term.length; index++) {
    hash ^= term.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function bucket(term: string): number {
  return fnv1a(term) & BUCKET_MASK;
}

/**
 * Turns a text into hashed term counts: character 1–5-grams of the accent-folded text (robust to
 * typos and to any script, spaced or not: kanji, Thai, Khmer, Myanmar have no word spaces), plus,
 * for scripts that separate words with spaces, whole words (kept with their accents, which carry
 * meaning in Vietnamese and French) and folded word bigrams ("lost card" vs "card lost"). Each
 * kind is prefixed so that a word and the same-looking n-gram land in different buckets.
 */
export function extractFeatures(text: string): Map<number, number> {
  const normalized = normalizeText(text);
  const folded = foldDiacritics(normalized);
  const counts = new Map<number, number>();
  // Punctuation and emoji only: nothing to recognise.
  if (folded.length === 0) return counts;
  const add = (term: string) => {
    const id = bucket(term);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  };

  const chars = Array.from(` ${folded} `);
  for (let start = 0; start < chars.length; start++) {
    let gram = '';
    for (let n = 1; n <= MAX_CHAR_GRAM && start + n <= chars.length; n++) {
      gram += chars[start + n - 1];
      if (gram !== ' ') add(`c${gram}`);
    }
  }
  const words = wordsOf(normalized);
  if (words.length > 1) {
    for (const word of words) add(`w${word}`);
    const foldedWords = folded.split(' ').filter((word) => word.length > 0);
    for (let index = 0; index + 1 < foldedWords.length; index++)
      add(`b${foldedWords[index]} ${foldedWords[index + 1]}`);
  }
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
