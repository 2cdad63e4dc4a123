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
  /**
   * Where `language` came from, once settled: the user picked it (`chosen`, never overridden), the
   * channel gave it (`channel`, e.g. a LINE profile), or a first clear message showed it
   * (`detected`). Unset, the language is the default and detection may still decide.
   */
  languageSource?: 'chosen' | 'channel' | 'detected';
  dialog?: ActiveDialog;
  /** Consecutive messages the bot did not understand (two in a row → offer a person). */
  misunderstood: number;
  updatedAt: string;
}

export function newSession(now: Date): Session {
  return { misunderstood: 0, updatedAt: now.toISOString() };
}
