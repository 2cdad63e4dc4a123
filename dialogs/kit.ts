/**
 * The contract every dialog follows, and the few helpers they share.
 *
 * A dialog is an XState v5 machine (declared with `setup()`, in its own file) plus a view per
 * state. Machines are pure: content comes in when the machine is built, "today" comes with every
 * event, and no I/O happens inside. The engine restores the machine's snapshot, sends one event,
 * renders the view of the new state through i18next, and persists the snapshot.
 */
import type { AnyStateMachine } from 'xstate';
import type { Content } from '../content/index.ts';
import type { ProcedureIntent } from '../src/intents.ts';
import type { Button, Choice, DialogMessage, IsoDate, Phrase } from '../src/messages.ts';
import { phrase } from '../src/messages.ts';
import type { ReminderDeadline } from '../src/reminders/index.ts';

export type { DialogMessage, IsoDate, Phrase } from '../src/messages.ts';
export { phrase } from '../src/messages.ts';
export type { ReminderDeadline } from '../src/reminders/index.ts';

/** The content the dialogs read: the validated facts of `content/`. */
export type DialogContent = Content;

/** Events a dialog machine receives. The engine turns buttons, dates and typed text into these. */
export type DialogEvent =
  | { type: 'CHOICE'; value: string; today: IsoDate }
  | { type: 'DATE'; date: IsoDate; today: IsoDate };

/** What every view receives besides the machine's context. */
export interface DialogEnv<TContent = DialogContent> {
  content: TContent;
  today: IsoDate;
}

export type View<TContext, TContent = DialogContent> = (
  context: TContext,
  env: DialogEnv<TContent>,
) => DialogMessage[];

/** Why a user is handed to a person. */
export type HandoffReason = 'asked' | 'not-understood' | 'topic' | 'deadline' | 'minor';

export interface DialogDefinition<TContext = never, TContent = DialogContent> {
  id: ProcedureIntent;
  /** Bump when states or context change shape: older snapshots then restart the dialog. */
  version: number;
  /** Builds the machine once, at startup. Its input is `{ today }`. */
  createMachine(content: TContent): AnyStateMachine;
  /** What the dialog says in each state (keyed by the state's name; nested states as `a.b`). */
  views: Record<string, View<TContext, TContent>>;
  /**
   * When the answer calls for a person (a deadline overdue or due today, a topic such as refugee
   * status or deportation, a minor on their own), the reason: the engine then adds the help lines
   * and the case summary to the final answer.
   */
  escalate?: (context: TContext, env: DialogEnv<TContent>) => HandoffReason | undefined;
  /**
   * The dates the finished dialog's answer gave (due dates, ends of validity): the engine offers a
   * reminder for each, and an `.ics` file. Dates already passed need not be left out: the
   * reminders skip send days that have passed.
   */
  deadlines?: (context: TContext, env: DialogEnv<TContent>) => ReminderDeadline[];
}

/** Declares a dialog; the identity function exists so TypeScript checks the views against the context. */
export function defineDialog<TContext, TContent = DialogContent>(
  definition: DialogDefinition<TContext, TContent>,
): DialogDefinition<TContext, TContent> {
  return definition;
}

// ----- helpers shared by the dialogs' views -----

/** A question with buttons; `options` are [payload, labelKey] pairs. */
export function ask(
  prompt: Phrase,
  options: ReadonlyArray<readonly [payload: string, labelKey: string]>,
): DialogMessage {
  const choices: Choice<Phrase>[] = options.map(([payload, labelKey]) => ({
    payload,
    label: phrase(labelKey),
  }));
  return { kind: 'choices', prompt, choices };
}

/** A yes/no question: payloads are always `yes` and `no`, so typed answers map onto them. */
export function askYesNo(prompt: Phrase): DialogMessage {
  return ask(prompt, [
    ['yes', 'common:answer.yes'],
    ['no', 'common:answer.no'],
  ]);
}

export function askDate(prompt: Phrase, range: { min?: IsoDate; max?: IsoDate } = {}): DialogMessage {
  return { kind: 'date', prompt, ...range };
}

export function say(key: string, values?: Phrase['values']): DialogMessage {
  return { kind: 'text', text: phrase(key, values) };
}

export function linkButton(labelKey: string, url: string): Button<Phrase> {
  return { kind: 'link', label: phrase(labelKey), url };
}

export function callButton(label: Phrase, tel: string): Button<Phrase> {
  return { kind: 'call', label, tel };
}
