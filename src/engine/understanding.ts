/**
 * How the engine reads typed text: dates, yes/no, intents. The language model (src/nlu) plugs in
 * here; `basicUnderstanding` is the dependency-free baseline: numeric dates and the yes/no words of
 * the locale files.
 */
import type { LanguageCode } from '../i18n/languages.ts';
import type { IsoDate } from '../messages.ts';

export interface IntentGuess {
  intent: string | null;
  confidence: number;
  language?: string;
  alternatives: Array<{ intent: string; confidence: number }>;
}

export interface Understanding {
  parseDate(text: string, language: LanguageCode, today: IsoDate): IsoDate | undefined;
  parseYesNo(text: string, language: LanguageCode): boolean | undefined;
  classify?(text: string, language: LanguageCode): IntentGuess;
  detectLanguage?(text: string): { language: string; confidence: number } | undefined;
  /** The code of a language we do not speak, when the text is clearly written in one. */
  detectUnsupportedLanguage?(text: string): string | undefined;
}

/** Normalises typed text for comparisons: NFKC, lower case, trimmed, no trailing punctuation. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .trim()
    .replace(/[\s.!?。！？、,]+$/u, '')
    .replace(/\s+/gu, ' ');
}

/**
 * The typed forms a choice's label accepts: the whole label and, for labels written
 * "Name (名前)" as the glossary writes offices and prefectures, each name alone ("osaka", "大阪府").
 */
export function labelForms(label: string): string[] {
  const whole = normalizeText(label);
  const names = /^(.+?) ?\((.+)\)$/u.exec(whole);
  return names ? [whole, names[1] as string, names[2] as string] : [whole];
}

/** A real calendar date between 1900 and 2100, as YYYY-MM-DD; anything else is undefined. */
export function isoDate(year: number, month: number, day: number): IsoDate | undefined {
  if (!Number.isInteger(year) || year < 1900 || year > 2100) return undefined;
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!Number.isInteger(day) || day < 1 || day > last) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A date a channel sent as `YYYY-MM-DD` (a date picker, a `{"date"}` line), if it is a real one. */
export function calendarDate(value: string): IsoDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
}

/** Text shaped like a numeric date, whether or not that date exists (2026-02-30, 31/04/2026). */
export function looksLikeNumericDate(text: string): boolean {
  return /^\d{1,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,4}\s*日?$/u.test(text.normalize('NFKC').trim());
}

/** Year-first numeric dates: 2026-12-03, 2026/12/3, 2026.12.03, 2026年12月3日. */
export function parseNumericDate(text: string): IsoDate | undefined {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u.exec(
    text.normalize('NFKC').trim(),
  );
  if (!match) return undefined;
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function basicUnderstanding(
  yesNoWords: (language: LanguageCode) => { yes: string[]; no: string[] },
): Understanding {
  return {
    parseDate: (text) => parseNumericDate(text),
    parseYesNo(text, language) {
      const words = yesNoWords(language);
      const normalized = normalizeText(text);
      if (words.yes.includes(normalized)) return true;
      if (words.no.includes(normalized)) return false;
      return undefined;
    },
  };
}
