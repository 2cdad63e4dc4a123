/**
 * The neutral message model: everything a dialog can say, independent of any channel.
 *
 * Dialogs produce messages whose texts are `Phrase`s (an i18next key plus values); the engine
 * renders them into the same shapes with plain strings (`OutboundMessage`), and each channel turns
 * those into its own wire format (LINE quick replies, Adaptive Cards, console lines…).
 */

import type { CheckedKey } from './i18n/keys.ts';

/** An ISO calendar date, `YYYY-MM-DD`, always meant in Asia/Tokyo. */
export type IsoDate = string;

/** A value interpolated into a phrase: plain data, or another phrase rendered first. */
export type PhraseValue = string | number | boolean | Phrase | readonly PhraseValue[];

/** A translatable text: `ns:key` for i18next, plus interpolation values. */
export interface Phrase {
  key: string;
  values?: Readonly<Record<string, PhraseValue>>;
  /** Render in this language whatever the user's (e.g. each language's own name in the language menu). */
  lng?: string;
}

export type Button<T> =
  | { kind: 'postback'; label: T; payload: string }
  | { kind: 'call'; label: T; tel: string }
  | { kind: 'link'; label: T; url: string };

export interface Choice<T> {
  label: T;
  payload: string;
}

export type Message<T> =
  | { kind: 'text'; text: T }
  | {
      kind: 'choices';
      prompt: T;
      choices: Choice<T>[];
      /**
       * Answers also accepted when typed (matched by label), but not shown as buttons: e.g. every
       * prefecture at a "which region?" question. Never sent to channels.
       */
      typedChoices?: Choice<T>[];
    }
  | { kind: 'date'; prompt: T; min?: IsoDate; max?: IsoDate; choices?: Choice<T>[] }
  | { kind: 'card'; title: T; lines: T[]; buttons: Button<T>[] }
  | { kind: 'checklist'; title: T; items: T[] }
  | { kind: 'call'; label: T; tel: string }
  | { kind: 'link'; label: T; url: string };

/** What dialogs emit: texts still to be translated. */
export type DialogMessage = Message<Phrase>;
/** What channels receive: texts rendered in the user's language. */
export type OutboundMessage = Message<string>;

export type MessageKind = Message<unknown>['kind'];

/** Shorthand for building phrases; a literal key is checked against the English locale by the compiler. */
export function phrase<const K extends string>(key: K & CheckedKey<K>, values?: Phrase['values']): Phrase {
  return values ? { key, values } : { key };
}

export function isPhrase(value: unknown): value is Phrase {
  return typeof value === 'object' && value !== null && 'key' in value && typeof value.key === 'string';
}
