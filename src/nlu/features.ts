import { foldDiacritics, normalizeText } from './normalize.ts';

/** Character n-gram lengths: 1–4 covers kanji compounds, Hangul syllable pairs and Latin stems. */
const MIN_CHAR_GRAM = 1;
const MAX_CHAR_GRAM = 4;

/**
 * Turns a text into term counts: character n-grams of the accent-folded text (robust to typos and
 * to any script, spaced or not) plus whole words (kept with their accents, which carry meaning in
 * Vietnamese and French) for scripts that separate words with spaces.
 */
export function extractFeatures(text: string): Map<string, number> {
  const normalized = normalizeText(text);
  const counts = new Map<string, number>();
  const add = (term: string) => counts.set(term, (counts.get(term) ?? 0) + 1);

  const padded = ` ${foldDiacritics(normalized)} `;
  const chars = Array.from(padded);
  for (let start = 0; start < chars.length; start++) {
    let gram = '';
    for (let n = 1; n <= MAX_CHAR_GRAM && start + n <= chars.length; n++) {
      gram += chars[start + n - 1];
      if (n >= MIN_CHAR_GRAM && gram !== ' ') add(gram);
    }
  }
  const words = normalized.split(' ').filter((word) => word.length > 0);
  if (words.length > 1) for (const word of words) add(`w:${word}`);
  return counts;
}
