import { describe, expect, it } from 'vitest';
import { extractFeatures, FEATURE_BITS, forEachFeature } from '../../src/nlu/features.ts';
import { foldDiacritics, normalizeText } from '../../src/nlu/normalize.ts';

/**
 * The features as the committed model was trained on them: each term built as a string ("c" +
 * n-gram, "w" + word, "b" + word pair) and hashed with FNV-1a. The extractor hashes the terms as
 * they grow instead; its buckets must be exactly these, or the model reads the wrong rows.
 */
function termsAsStrings(text: string): Map<number, number> {
  const fnv1a = (term: string) => {
    let hash = 0x811c9dc5;
    for (let index = 0; index < term.length; index++) {
      hash ^= term.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193);
    }
    return (hash >>> 0) & ((1 << FEATURE_BITS) - 1);
  };
  const counts = new Map<number, number>();
  const add = (term: string) => counts.set(fnv1a(term), (counts.get(fnv1a(term)) ?? 0) + 1);
  const normalized = normalizeText(text);
  const folded = foldDiacritics(normalized);
  if (folded.length === 0) return counts;
  const chars = Array.from(` ${folded} `);
  for (let start = 0; start < chars.length; start++) {
    let gram = '';
    for (let n = 1; n <= 5 && start + n <= chars.length; n++) {
      gram += chars[start + n - 1];
      if (gram !== ' ') add(`c${gram}`);
    }
  }
  const words = normalized.split(' ').filter((word) => word.length > 0);
  if (words.length > 1) {
    for (const word of words) add(`w${word}`);
    const foldedWords = folded.split(' ').filter((word) => word.length > 0);
    for (let index = 0; index + 1 < foldedWords.length; index++)
      add(`b${foldedWords[index]} ${foldedWords[index + 1]}`);
  }
  return counts;
}

const sorted = (counts: Map<number, number>) => [...counts].sort(([a], [b]) => a - b);

describe('forEachFeature', () => {
  it.each([
    'I lost my residence card',
    "J'ai perdu ma carte de séjour !!",
    'mất thẻ cư trú rồi',
    '在留カードをなくしました',
    'ｚａｉｒｙｕ ｶｰﾄﾞ ２０２６',
    'កាតស្នាក់នៅរបស់ខ្ញុំបាត់',
    'मेरो कार्ड हरायो',
    '𠮷野家 で 働く 🎴 card',
    'a',
    '  ',
    '🙂🙂',
    'lone \ud800 surrogate',
  ])('gives the buckets of the string-built terms the model was trained on: %s', (text) => {
    expect(sorted(extractFeatures(text))).toEqual(sorted(termsAsStrings(text)));
    const seen: number[] = [];
    forEachFeature(text, (bucket) => seen.push(bucket));
    expect(seen.length).toBe([...termsAsStrings(text).values()].reduce((sum, count) => sum + count, 0));
  });

  it('finds nothing in punctuation and emoji alone', () => {
    expect(extractFeatures('?!… 🙂').size).toBe(0);
  });
});
