/** What the engine persists per conversation. Small by design: a few hundred bytes. */
import type { LanguageCode } from '../i18n/languages.ts';
import type { IsoDate } from '../messages.ts';

/** One answer the user gave inside a dialog, kept so that "back" can replay all but the last. */
export type Answer = { c: string } | { d: IsoDate };

export interface ActiveDialog {
  id: string;
  version: number;
  /** The XState snapshot, reduced to what `machine.resolveState()` needs. */
  snapshot: { value: unknown; context: unknown };
  answers: Answer[];
  done: boolean;
}

export interface Session {
  language?: LanguageCode;
  /** True once the user picked the language themselves: hints and detection then never override it. */
  languageChosen?: boolean;
  /** True once the language was detected from the user's text (detection decides only once). */
  languageDetected?: boolean;
  /** True once the channel gave the user's language (a LINE profile, a page's lang): detection then stays out. */
  languageFromChannel?: boolean;
  dialog?: ActiveDialog;
  /** Consecutive messages the bot did not understand (two in a row → offer a person). */
  misunderstood: number;
  updatedAt: string;
}

export function newSession(now: Date): Session {
  return { misunderstood: 0, updatedAt: now.toISOString() };
}
