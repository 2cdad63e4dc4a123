/** Oldest age we accept as typed; anything above is a year or a typo, not an age. */
const MAX_AGE = 120;

/**
 * Reads an age in years from a text ("16", "I'm 16", "16歳", "16 tuổi", "16살", "１６さい"):
 * the first whole number from 0 to 120. Undefined when there is none or it is out of range.
 */
export function parseAge(text: string): number | undefined {
  const match = text.normalize('NFKC').match(/\d+/);
  if (!match) return undefined;
  const age = Number(match[0]);
  return age <= MAX_AGE ? age : undefined;
}
