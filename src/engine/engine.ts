/**
 * The engine: one function handles one turn of one conversation.
 *
 * inbound event → lock the conversation → skip it if already processed → restore the session →
 * route (global command, active dialog, or a new dialog) → step the XState machine → render the
 * views in the user's language → persist (optimistic concurrency, fenced, marking the event seen in
 * the same write) → release → outbound messages.
 */
import { type AnyActorScope, type AnyStateMachine, createActor } from 'xstate';
import type { HandoffReason } from '../../dialogs/kit.ts';
import type { Clock } from '../clock.ts';
import type { LanguageCode, Translator } from '../i18n/index.ts';
import { languageOf } from '../i18n/index.ts';
import { normalizeLanguageCode } from '../i18n/language-codes.ts';
import { COMMAND_INTENTS, isIntent } from '../intents.ts';
import { type Logger, logKey } from '../logger.ts';
import { type Choice, type DialogMessage, type OutboundMessage, type Phrase, phrase } from '../messages.ts';
import type { ReminderDeadline, Reminders, ReminderUser } from '../reminders/index.ts';
import type { InboxItem, Store } from '../store/types.ts';
import { groupMenu, intentChoice, MENU_GROUPS, mainMenu } from './menu.ts';
import type { DialogRegistry, RegisteredDialog } from './registry.ts';
import { type ActiveDialog, type Answer, newSession, type Session } from './session.ts';
import {
  calendarDate,
  labelForms,
  looksLikeNumericDate,
  normalizeText,
  type Understanding,
} from './understanding.ts';

/** `unsupported`: a message the bot cannot read (sticker, image, audio, location, file…). */
export type InboundKind = 'text' | 'choice' | 'date' | 'follow' | 'unfollow' | 'unsupported';

export interface InboundEvent {
  /** The channel's name, e.g. `line`, `console`. */
  channel: string;
  /** An opaque, stable key for the user within the channel. */
  userKey: string;
  /** The channel's own event id, for de-duplication of redeliveries. */
  eventId?: string;
  /**
   * The store inbox item the event was read from: the turn's write removes it (see
   * `SaveOptions.inboxId`); `TurnResult.inboxRemoved` says whether it did.
   */
  inboxId?: string;
  /** The channel's idea of the user's language (LINE profile, activity.locale, page lang). */
  localeHint?: string;
  kind: InboundKind;
  text?: string;
  payload?: string;
  date?: string;
  /**
   * How the channel reaches this user later, outside a turn (reminders): a Bot Framework
   * conversation reference as JSON, for example. Defaults to `userKey` (a LINE userId is enough).
   */
  replyAddress?: string;
  /**
   * The turn's answer as an inbox item for the channel to deliver (its outbox), written in the
   * turn's own save: a crash between the save and the delivery then loses no answer, the channel
   * replays the item. Undefined: nothing to keep (e.g. no message).
   */
  outbox?: (answer: TurnAnswer) => InboxItem | undefined;
}

/** What a turn answers, in the user's language. */
export interface TurnAnswer {
  messages: OutboundMessage[];
  language: LanguageCode;
  dir: 'ltr' | 'rtl';
}

export interface TurnResult extends TurnAnswer {
  /** True when the event had already been processed: nothing was done. */
  duplicate: boolean;
  /** True when this turn deleted the conversation ("forget me", unfollow): channels drop what they hold for the user. */
  forgotten?: boolean;
  /** True when the turn's write removed `event.inboxId` from the inbox (otherwise the channel does). */
  inboxRemoved?: boolean;
}

export type { HandoffReason } from '../../dialogs/kit.ts';

/** What the user told the bot in the current dialog, for the handoff summary. */
export interface CaseRecord {
  procedure: string;
  /** Each question answered, with the answer as shown to the user (a choice's label, or a date). */
  steps: Array<{ question: Phrase; answer: Phrase }>;
  /** The final answer (summary card, checklist…) when the dialog is finished. */
  outcome: DialogMessage[];
  done: boolean;
  /** The dialog's collected answers; by convention a known prefecture is under `prefecture`. */
  context: unknown;
}

export interface HandoffRequest {
  reason: HandoffReason;
  language: LanguageCode;
  /** An opaque key for the conversation (never the channel's raw user id). */
  conversation: string;
  channel: string;
  case?: CaseRecord;
  now: Date;
}

export interface EngineDeps {
  store: Store;
  dialogs: DialogRegistry;
  content: unknown;
  translator: Translator;
  understanding: Understanding;
  clock: Clock;
  logger: Logger;
  defaultLanguage: LanguageCode;
  /** Deadline reminders: offered after dialogs that produce dates; off when absent. */
  reminders?: Reminders;
  /** What "talk to a person" shows. */
  handoff(request: HandoffRequest): DialogMessage[];
  /** Called after each turn (metrics). */
  onTurn?(info: TurnInfo): void;
}

export type TurnOutcome = 'ok' | 'duplicate' | 'not-understood' | 'unsure' | 'handoff' | 'error';

/** What a turn was, in aggregate terms only (no user key, no text): for metrics. */
export interface TurnInfo {
  channel: string;
  /** The dialog the conversation is in after the turn. */
  dialog: string | undefined;
  language: LanguageCode;
  ms: number;
  outcome: TurnOutcome;
  /** Set when this turn handed the user to a person. */
  handoff?: HandoffReason;
}

/**
 * xstate's pure `transition()` and `initialTransition()` build a throw-away actor on every call,
 * and building it computes the machine's initial state: that was most of a step's cost. Dialogs
 * spawn and invoke nothing, so one inert scope per machine (the shape xstate's own inert scope
 * has: an unstarted actor, no-op effects) serves every step; actions to execute are ignored, as
 * they were. https://stately.ai/docs/pure-transitions
 */
const inertScopes = new WeakMap<AnyStateMachine, AnyActorScope>();

function inertScope(machine: AnyStateMachine): AnyActorScope {
  let scope = inertScopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    scope = {
      self,
      defer: () => {},
      id: '',
      logger: () => {},
      sessionId: '',
      stopChild: () => {},
      system: self.system,
      emit: () => {},
      actionExecutor: () => {},
    } as unknown as AnyActorScope;
    inertScopes.set(machine, scope);
  }
  return scope;
}

function initialTransition(
  machine: AnyStateMachine,
  input: unknown,
): [ReturnType<AnyStateMachine['getInitialSnapshot']>] {
  return [machine.getInitialSnapshot(inertScope(machine), input)];
}

function transition(
  machine: AnyStateMachine,
  snapshot: ReturnType<AnyStateMachine['getInitialSnapshot']>,
  event: Parameters<AnyStateMachine['transition']>[1],
): [ReturnType<AnyStateMachine['transition']>] {
  return [machine.transition(snapshot, event, inertScope(machine))];
}

const MISUNDERSTOOD_BEFORE_HANDOFF = 2;
/**
 * What the language model reads of a message: a request fits in far less, and a 5,000-character
 * message (LINE's maximum) would otherwise cost a quarter of a second of CPU per turn.
 */
const MAX_TEXT_READ = 500;
/** Detection must be at least this sure to switch the conversation's language. */
const LANGUAGE_SWITCH_CONFIDENCE = 0.5;

interface TurnState {
  key: string;
  channel: string;
  /** Set when this turn handed the user to a person (metrics). */
  handoff?: HandoffReason;
  session: Session;
  language: LanguageCode;
  /** The language was given by the channel for this event (it outranks detection). */
  hinted: boolean;
  out: DialogMessage[];
  /** Work this turn needs I/O for (reminders), run after routing; its messages follow `out`. */
  later?: () => Promise<DialogMessage[]>;
  /** Who reminders created in this turn are for. */
  user: ReminderUser;
  forget: boolean;
  outcome: TurnOutcome;
}

export interface Engine {
  handle(event: InboundEvent): Promise<TurnResult>;
  /** Deletes everything about the conversation (unfollow, "forget me"). */
  forget(channel: string, userKey: string): Promise<void>;
}

export function createEngine(deps: EngineDeps): Engine {
  const { store, dialogs, translator, understanding, clock, logger } = deps;
  const available = new Set(dialogs.keys());

  function conversationKey(channel: string, userKey: string): string {
    return `${channel}:${userKey}`;
  }

  function resolveLanguage(
    session: Session,
    hint: string | undefined,
  ): { language: LanguageCode; hinted: boolean } {
    if (session.languageSource === 'chosen' && session.language && translator.has(session.language)) {
      return { language: session.language, hinted: false };
    }
    const hinted = normalizeLanguageCode(hint);
    if (hinted && translator.has(hinted)) return { language: hinted, hinted: true };
    if (session.language && translator.has(session.language))
      return { language: session.language, hinted: false };
    return { language: deps.defaultLanguage, hinted: false };
  }

  // ----- dialogs -----

  function registered(dialog: ActiveDialog | undefined): RegisteredDialog | undefined {
    return dialog ? dialogs.get(dialog.id) : undefined;
  }

  function restore(entry: RegisteredDialog, dialog: ActiveDialog) {
    return entry.machine.resolveState(dialog.snapshot as Parameters<typeof entry.machine.resolveState>[0]);
  }

  function stateKey(value: unknown): string {
    if (typeof value === 'string') return value;
    const [name, child] = Object.entries(value as Record<string, unknown>)[0] ?? [];
    return child === undefined ? String(name) : `${name}.${stateKey(child)}`;
  }

  function viewOf(entry: RegisteredDialog, dialog: ActiveDialog): DialogMessage[] {
    const key = stateKey(dialog.snapshot.value);
    const view = entry.definition.views[key];
    if (!view) throw new Error(`Engine: dialog ${entry.definition.id} has no view for state "${key}"`);
    return view(dialog.snapshot.context, { content: deps.content, today: clock.today() });
  }

  function eventFor(answer: Answer, today: string) {
    return 'c' in answer
      ? { type: 'CHOICE' as const, value: answer.c, today }
      : { type: 'DATE' as const, date: answer.d, today };
  }

  function startDialog(turn: TurnState, id: string): void {
    const entry = dialogs.get(id);
    if (!entry) {
      turn.out.push(mainMenu(available));
      return;
    }
    const [snapshot] = initialTransition(entry.machine, { today: clock.today() });
    turn.session.dialog = {
      id,
      version: entry.definition.version,
      snapshot: { value: snapshot.value, context: snapshot.context },
      answers: [],
      done: snapshot.status === 'done',
    };
    showDialog(turn, entry, turn.session.dialog);
  }

  /** Replays answers from the start (used by "back" and after a version change). */
  function replay(entry: RegisteredDialog, answers: Answer[]): ActiveDialog {
    const today = clock.today();
    let [snapshot] = initialTransition(entry.machine, { today });
    const kept: Answer[] = [];
    for (const answer of answers) {
      const [next] = transition(entry.machine, snapshot, eventFor(answer, today));
      if (next === snapshot) break;
      snapshot = next;
      kept.push(answer);
    }
    return {
      id: entry.definition.id,
      version: entry.definition.version,
      snapshot: { value: snapshot.value, context: snapshot.context },
      answers: kept,
      done: snapshot.status === 'done',
    };
  }

  function stepDialog(turn: TurnState, entry: RegisteredDialog, dialog: ActiveDialog, answer: Answer): void {
    if ('d' in answer) return stepWithDate(turn, entry, dialog, answer);
    stepOnce(turn, entry, dialog, answer);
  }

  /**
   * A real date can still be one a dialog cannot use: the deadline engine refuses dates outside its
   * holiday data (1970–2050) rather than guess (`HolidayDataRangeError`). That is the user's date
   * to correct, not a broken conversation: re-ask, keeping the progress. Logged, with the error's
   * type only (its message quotes the date), so that a dialog lacking a bound shows up.
   */
  function stepWithDate(
    turn: TurnState,
    entry: RegisteredDialog,
    dialog: ActiveDialog,
    answer: Answer,
  ): void {
    const shown = turn.out.length;
    try {
      stepOnce(turn, entry, dialog, answer);
    } catch (error) {
      logger.warn(
        { dialog: dialog.id, errorType: (error as Error)?.name },
        'Engine: the dialog could not use the date it was given; asking again',
      );
      turn.out.length = shown;
      turn.session.dialog = dialog;
      turn.out.push({ kind: 'text', text: phrase('common:invalidDate') });
      showDialog(turn, entry, dialog);
    }
  }

  function stepOnce(turn: TurnState, entry: RegisteredDialog, dialog: ActiveDialog, answer: Answer): void {
    const snapshot = restore(entry, dialog);
    const [next] = transition(entry.machine, snapshot, eventFor(answer, clock.today()));
    if (next === snapshot) {
      // Understood but not acceptable here (e.g. a date in the future): not a comprehension failure.
      turn.out.push({ kind: 'text', text: phrase('common:invalidAnswer') });
      showDialog(turn, entry, dialog);
      return;
    }
    turn.session.misunderstood = 0;
    const updated: ActiveDialog = {
      ...dialog,
      snapshot: { value: next.value, context: next.context },
      answers: [...dialog.answers, answer],
      done: next.status === 'done',
    };
    turn.session.dialog = updated;
    showDialog(turn, entry, updated);
  }

  function navigation(dialog: ActiveDialog): Choice<Phrase>[] {
    return [
      ...(dialog.answers.length > 0 ? [{ label: phrase('common:nav.back'), payload: 'cmd:back' }] : []),
      { label: phrase('common:nav.menu'), payload: 'cmd:menu' },
      { label: phrase('common:nav.human'), payload: 'cmd:human' },
    ];
  }

  /** The dialog's view, with the way out offered at every step and the next steps at the end. */
  function showDialog(turn: TurnState, entry: RegisteredDialog, dialog: ActiveDialog): void {
    const messages = viewOf(entry, dialog);
    if (dialog.done) {
      turn.out.push(...messages);
      // The dialog's own reason, or any of its deadlines due today or already passed.
      const today = clock.today();
      const deadlines = dialogDeadlines(entry, dialog);
      const reason =
        entry.definition.escalate?.(dialog.snapshot.context, { content: deps.content, today }) ??
        (deadlines.some((deadline) => deadline.due <= today) ? 'deadline' : undefined);
      if (reason) handOff(turn, reason);
      turn.out.push(...reminderOffer(turn, dialog, deadlines));
      turn.out.push(nextSteps());
      return;
    }
    const questionIndex = messages.findLastIndex((m) => m.kind === 'choices' || m.kind === 'date');
    const question = messages[questionIndex];
    if (question?.kind === 'choices') {
      messages[questionIndex] = { ...question, choices: [...question.choices, ...navigation(dialog)] };
    } else if (question?.kind === 'date') {
      messages[questionIndex] = {
        ...question,
        choices: [...(question.choices ?? []), ...navigation(dialog)],
      };
    }
    turn.out.push(...messages);
  }

  function dialogDeadlines(entry: RegisteredDialog, dialog: ActiveDialog): ReminderDeadline[] {
    return (
      entry.definition.deadlines?.(dialog.snapshot.context, {
        content: deps.content,
        today: clock.today(),
      }) ?? []
    );
  }

  function reminderOffer(
    turn: TurnState,
    dialog: ActiveDialog,
    deadlines: ReminderDeadline[],
  ): DialogMessage[] {
    if (!deps.reminders || deadlines.length === 0) return [];
    return deps.reminders.offer(turn.user, dialog.id, deadlines, turn.language);
  }

  /**
   * `remind:<deadline id>` (a button of the offer: the deadline is recomputed from the finished
   * dialog still in the session) and `reminders:list|cancel-all|cancel:<id>`.
   */
  function reminderPayload(turn: TurnState, prefix: 'remind' | 'reminders', rest: string): void {
    const reminders = deps.reminders;
    if (!reminders) return resumeOrMenu(turn);
    if (prefix === 'remind') {
      const dialog = turn.session.dialog;
      const entry = registered(dialog);
      const deadline =
        dialog?.done && entry
          ? dialogDeadlines(entry, dialog).find((candidate) => candidate.id === rest)
          : undefined;
      turn.later = () => reminders.subscribe(turn.user, dialog?.id ?? '', deadline, turn.language);
      return;
    }
    if (rest === 'list') turn.later = () => reminders.list(turn.user);
    else if (rest === 'cancel-all') turn.later = () => reminders.cancelAll(turn.user);
    else if (rest.startsWith('cancel:'))
      turn.later = () => reminders.cancel(turn.user, rest.slice('cancel:'.length));
    else resumeOrMenu(turn);
  }

  function nextSteps(): DialogMessage {
    const choices: Choice<Phrase>[] = [{ label: phrase('common:next.another'), payload: 'cmd:menu' }];
    if (available.has('find-office')) choices.push(intentChoice('find-office'));
    choices.push({ label: phrase('common:nav.human'), payload: 'cmd:human' });
    return { kind: 'choices', prompt: phrase('common:next.prompt'), choices };
  }

  /** The question the user is currently answering, to read typed text against it. */
  function currentQuestion(entry: RegisteredDialog, dialog: ActiveDialog): DialogMessage | undefined {
    return viewOf(entry, dialog).findLast((m) => m.kind === 'choices' || m.kind === 'date');
  }

  function withinBounds(question: DialogMessage & { kind: 'date' }, date: string): boolean {
    return !((question.min && date < question.min) || (question.max && date > question.max));
  }

  /**
   * A date a channel sent (date picker, console `{"date"}`): one that is no real date (2026-02-30,
   * year 99999) is refused kindly, like a typed one, so that no dialog or deadline rule ever computes
   * with it. A real date goes to the dialog, whose guards judge it (a future birth → invalidAnswer).
   */
  function sentDate(turn: TurnState, entry: RegisteredDialog, dialog: ActiveDialog, raw: string): void {
    const date = calendarDate(raw);
    if (date) return stepDialog(turn, entry, dialog, { d: date });
    turn.out.push({ kind: 'text', text: phrase('common:invalidDate') });
    showDialog(turn, entry, dialog);
  }

  /** Reads typed text as an answer to the current question; undefined when it is not one. */
  function readAnswer(
    turn: TurnState,
    question: DialogMessage,
    text: string,
  ): Answer | 'invalid-date' | undefined {
    const today = clock.today();
    if (question.kind === 'date') {
      // Checked again here: an Understanding is pluggable, and no dialog may see an impossible date.
      const parsed = understanding.parseDate(text.slice(0, MAX_TEXT_READ), turn.language, today);
      const date = parsed === undefined ? undefined : calendarDate(parsed);
      if (!date) return looksLikeNumericDate(text) ? 'invalid-date' : undefined;
      return withinBounds(question, date) ? { d: date } : 'invalid-date';
    }
    if (question.kind !== 'choices') return undefined;
    const normalized = normalizeText(text);
    const index = /^\d{1,2}$/.test(normalized) ? Number(normalized) - 1 : -1;
    const byNumber = question.choices[index];
    if (byNumber && !byNumber.payload.includes(':')) return { c: byNumber.payload };
    const byLabel = [...question.choices, ...(question.typedChoices ?? [])].find(
      (choice) =>
        !choice.payload.includes(':') &&
        labelForms(translator.render(choice.label, turn.language)).includes(normalized),
    );
    if (byLabel) return { c: byLabel.payload };
    const payloads = new Set(question.choices.map((choice) => choice.payload));
    if (payloads.has('yes') && payloads.has('no')) {
      const yes = understanding.parseYesNo(text, turn.language);
      if (yes !== undefined) return { c: yes ? 'yes' : 'no' };
    }
    return undefined;
  }

  // ----- global commands -----

  function showMenu(turn: TurnState, prompt?: Phrase): void {
    turn.session.dialog = undefined;
    turn.out.push(mainMenu(available, prompt));
  }

  function showLanguages(turn: TurnState): void {
    turn.out.push({
      kind: 'choices',
      prompt: phrase('common:language.prompt'),
      // Each language's name is written in that language, whatever the user's current language.
      choices: translator.languages.map((code) => ({
        label: { key: 'common:language.name', lng: code },
        payload: `lang:${code}`,
      })),
    });
  }

  /** Replays the dialog's answers to recover each question and the answer given to it. */
  function caseOf(dialog: ActiveDialog | undefined): CaseRecord | undefined {
    const entry = registered(dialog);
    if (!dialog || !entry) return undefined;
    const env = { content: deps.content, today: clock.today() };
    const steps: CaseRecord['steps'] = [];
    let [snapshot] = initialTransition(entry.machine, { today: env.today });
    for (const answer of dialog.answers) {
      const view = entry.definition.views[stateKey(snapshot.value)]?.(snapshot.context, env) ?? [];
      const question = view.findLast((m) => m.kind === 'choices' || m.kind === 'date');
      if (question?.kind === 'choices' && 'c' in answer) {
        const chosen = question.choices.find((choice) => choice.payload === answer.c);
        if (chosen) steps.push({ question: question.prompt, answer: chosen.label });
      } else if (question?.kind === 'date' && 'd' in answer) {
        steps.push({
          question: question.prompt,
          answer: phrase('common:handoff.dateAnswer', { date: answer.d }),
        });
      }
      const [next] = transition(entry.machine, snapshot, eventFor(answer, env.today));
      snapshot = next;
    }
    return {
      procedure: dialog.id,
      steps,
      outcome: dialog.done ? viewOf(entry, dialog) : [],
      done: dialog.done,
      context: dialog.snapshot.context,
    };
  }

  function handOff(turn: TurnState, reason: HandoffReason): void {
    const caseRecord = caseOf(turn.session.dialog);
    turn.outcome = turn.outcome === 'ok' ? 'handoff' : turn.outcome;
    turn.handoff = reason;
    turn.out.push(
      ...deps.handoff({
        reason,
        language: turn.language,
        conversation: logKey(turn.key),
        channel: turn.channel,
        ...(caseRecord ? { case: caseRecord } : {}),
        now: clock.now(),
      }),
    );
  }

  function resumeOrMenu(turn: TurnState): void {
    const dialog = turn.session.dialog;
    const entry = registered(dialog);
    if (dialog && entry && !dialog.done) showDialog(turn, entry, dialog);
    else showMenu(turn);
  }

  function back(turn: TurnState): void {
    const dialog = turn.session.dialog;
    const entry = registered(dialog);
    if (!dialog || !entry || dialog.answers.length === 0) {
      showMenu(turn);
      return;
    }
    turn.session.dialog = replay(entry, dialog.answers.slice(0, -1));
    showDialog(turn, entry, turn.session.dialog);
  }

  function command(turn: TurnState, name: string): boolean {
    switch (name) {
      case 'menu':
        showMenu(turn);
        return true;
      case 'back':
        back(turn);
        return true;
      case 'human':
        handOff(turn, 'asked');
        return true;
      case 'language':
        showLanguages(turn);
        return true;
      case 'forget':
        turn.forget = true;
        turn.out.push({ kind: 'text', text: phrase('common:forget.done') });
        return true;
      case 'reminders':
        reminderPayload(turn, 'reminders', 'list');
        return true;
      case 'cancelReminders':
        reminderPayload(turn, 'reminders', 'cancel-all');
        return true;
      default:
        return false;
    }
  }

  function setLanguage(turn: TurnState, code: string): void {
    const language = normalizeLanguageCode(code);
    if (!language || !translator.has(language)) {
      showLanguages(turn);
      return;
    }
    turn.session.language = language;
    turn.session.languageSource = 'chosen';
    turn.language = language;
    turn.out.push({ kind: 'text', text: phrase('common:language.changed') });
    resumeOrMenu(turn);
  }

  function payload(turn: TurnState, value: string): void {
    const [prefix, rest = ''] = value.includes(':')
      ? [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)]
      : [value];
    if (prefix === 'cmd' && command(turn, rest)) return;
    if (prefix === 'lang') return setLanguage(turn, rest);
    if (prefix === 'go') return startDialog(turn, rest);
    if (prefix === 'remind' || prefix === 'reminders') return reminderPayload(turn, prefix, rest);
    if (prefix === 'menu') {
      turn.out.push(groupMenu(rest, available) ?? mainMenu(available));
      return;
    }
    const dialog = turn.session.dialog;
    const entry = registered(dialog);
    if (dialog && entry && !dialog.done) return stepDialog(turn, entry, dialog, { c: value });
    // A button from an old message: show where things stand rather than guessing.
    resumeOrMenu(turn);
  }

  const TYPED_COMMANDS = [
    'menu',
    'back',
    'human',
    'language',
    'forget',
    ...(deps.reminders ? ['reminders', 'cancelReminders'] : []),
  ];

  /**
   * Global commands typed as words ("menu", "back"…) in the user's language or English: the
   * first command, in TYPED_COMMANDS order, whose keywords hold the text. Built once per language
   * (rendering and splitting every keyword list for every typed message was a measurable share of
   * a turn's CPU and garbage).
   */
  const commandsByWord = perLanguage((language) => {
    const commands = new Map<string, string>();
    for (const name of TYPED_COMMANDS)
      for (const wordsOf of new Set([language, 'en' as LanguageCode]))
        for (const word of translator.render(phrase(`common:keywords.${name}`), wordsOf).split('|')) {
          const form = normalizeText(word);
          if (!commands.has(form)) commands.set(form, name);
        }
    return commands;
  });
  function typedCommand(turn: TurnState, normalized: string): string | undefined {
    return commandsByWord(turn.language).get(normalized);
  }

  /**
   * Madoguchi's own buttons outside the dialogs (menus, navigation, next steps), by the normalised
   * forms of their label, per language: channels that send a tapped button as its label (Bot
   * Framework imBack, a user retyping it) reach the same place as those that send the payload.
   */
  const choicesOf = (message: DialogMessage | undefined) =>
    message?.kind === 'choices' ? message.choices : [];
  const ownButtons: Choice<Phrase>[] = [
    ...choicesOf(mainMenu(available)),
    ...MENU_GROUPS.flatMap((group) => choicesOf(groupMenu(group.id, available))),
    { label: phrase('common:nav.back'), payload: 'cmd:back' },
    { label: phrase('common:nav.menu'), payload: 'cmd:menu' },
    { label: phrase('common:next.another'), payload: 'cmd:menu' },
  ];
  const buttonsByLabel = perLanguage((language) => {
    const labels = new Map<string, string>();
    for (const choice of ownButtons)
      for (const form of labelForms(translator.render(choice.label, language)))
        if (!labels.has(form)) labels.set(form, choice.payload);
    return labels;
  });
  function typedButton(turn: TurnState, normalized: string): string | undefined {
    return buttonsByLabel(turn.language).get(normalized);
  }

  /**
   * Text the bot could not act on. With guesses, it asks "did you mean" with them as buttons;
   * without, it says so and shows where things stand. The second failure in a row offers a person.
   */
  function notUnderstood(turn: TurnState, guesses: Array<{ intent: string }> = []): void {
    turn.outcome = guesses.length > 0 ? 'unsure' : 'not-understood';
    turn.session.misunderstood += 1;
    if (turn.session.misunderstood >= MISUNDERSTOOD_BEFORE_HANDOFF) {
      turn.session.misunderstood = 0;
      turn.out.push({ kind: 'text', text: phrase('common:notUnderstood') });
      handOff(turn, 'not-understood');
      return;
    }
    if (guesses.length === 0) {
      turn.out.push({ kind: 'text', text: phrase('common:notUnderstood') });
      resumeOrMenu(turn);
      return;
    }
    turn.out.push({
      kind: 'choices',
      prompt: phrase('common:didYouMean'),
      choices: [
        ...guesses.map((guess) =>
          (COMMAND_INTENTS as readonly string[]).includes(guess.intent)
            ? { label: phrase(`common:intent.${guess.intent}`), payload: `cmd:${guess.intent}` }
            : intentChoice(guess.intent),
        ),
        { label: phrase('common:nav.menu'), payload: 'cmd:menu' },
      ],
    });
  }

  /**
   * The language of free text, when the user has not chosen one and the channel gave no hint:
   * a clear, long enough message in one of our languages switches to it; one in a language we
   * lack gets English and the language menu. Returns true when the turn is answered.
   */
  function followTextLanguage(turn: TurnState, raw: string): boolean {
    // Once the user chose, the channel told, or a first clear message showed the language, the
    // conversation's language is settled: later messages are not examined (nor paid for) again.
    if (turn.session.languageSource || turn.hinted) return false;
    const unsupported = understanding.detectUnsupportedLanguage?.(raw.slice(0, MAX_TEXT_READ));
    if (unsupported) {
      turn.language = deps.defaultLanguage;
      turn.session.language = deps.defaultLanguage;
      turn.out.push({ kind: 'text', text: phrase('common:unsupportedLanguage') });
      showLanguages(turn);
      return true;
    }
    // Only the first message that says clearly what language it is decides; later ones ("ok
    // thanks" in another language) do not flip the conversation back and forth.
    const detected = understanding.detectLanguage?.(raw.slice(0, MAX_TEXT_READ));
    const language =
      detected && detected.confidence >= LANGUAGE_SWITCH_CONFIDENCE
        ? normalizeLanguageCode(detected.language)
        : undefined;
    if (language && translator.has(language)) {
      turn.session.languageSource = 'detected';
      turn.language = language;
      turn.session.language = language;
    }
    return false;
  }

  function text(turn: TurnState, raw: string): void {
    const normalized = normalizeText(raw);
    if (!normalized) return notUnderstood(turn);
    const typed = typedCommand(turn, normalized);
    if (typed) {
      turn.session.misunderstood = 0;
      command(turn, typed);
      return;
    }
    const dialog = turn.session.dialog;
    const entry = registered(dialog);
    if (dialog && entry && !dialog.done) {
      const question = currentQuestion(entry, dialog);
      const answer = question && readAnswer(turn, question, raw);
      if (answer === 'invalid-date') {
        turn.out.push({ kind: 'text', text: phrase('common:invalidDate') });
        showDialog(turn, entry, dialog);
        return;
      }
      if (answer) return stepDialog(turn, entry, dialog, answer);
    }
    const tapped = typedButton(turn, normalized);
    if (tapped) {
      turn.session.misunderstood = 0;
      return payload(turn, tapped);
    }
    // Only text that is not an answer tells the language: "Dependent (家族滞在)" is a label, not Chinese.
    if (followTextLanguage(turn, raw)) return;
    const guess = understanding.classify?.(raw.slice(0, MAX_TEXT_READ), turn.language);
    // The classifier returns no intent when unsure (its calibrated threshold): then "did you mean".
    if (guess?.intent && isIntent(guess.intent)) {
      turn.session.misunderstood = 0;
      if ((COMMAND_INTENTS as readonly string[]).includes(guess.intent)) command(turn, guess.intent);
      else startDialog(turn, guess.intent);
      return;
    }
    notUnderstood(turn, (guess?.alternatives ?? []).filter((a) => isIntent(a.intent)).slice(0, 3));
  }

  function route(turn: TurnState, event: InboundEvent): void {
    switch (event.kind) {
      case 'follow': {
        const dialog = turn.session.dialog;
        if (dialog && !dialog.done && registered(dialog)) {
          turn.out.push({ kind: 'text', text: phrase('common:welcomeBack') });
          resumeOrMenu(turn);
        } else {
          showMenu(turn, phrase('common:greeting'));
        }
        return;
      }
      case 'choice':
        return payload(turn, event.payload ?? '');
      case 'date': {
        const dialog = turn.session.dialog;
        const entry = registered(dialog);
        if (dialog && entry && !dialog.done && event.date) return sentDate(turn, entry, dialog, event.date);
        return resumeOrMenu(turn);
      }
      case 'text':
        return text(turn, event.text ?? '');
      case 'unsupported':
        turn.out.push({ kind: 'text', text: phrase('common:unsupportedMessage') });
        return resumeOrMenu(turn);
      case 'unfollow':
        return;
    }
  }

  /** Restores a session's dialog; a dialog whose version changed restarts from its answers. */
  function upgrade(session: Session): void {
    const dialog = session.dialog;
    if (!dialog) return;
    const entry = dialogs.get(dialog.id);
    if (!entry) session.dialog = undefined;
    else if (entry.definition.version !== dialog.version) session.dialog = replay(entry, dialog.answers);
  }

  async function handle(event: InboundEvent): Promise<TurnResult> {
    const started = performance.now();
    const key = conversationKey(event.channel, event.userKey);
    const lock = await store.lock(key);
    try {
      if (event.eventId && (await store.hasSeen(event.eventId))) {
        const { language } = resolveLanguage(newSession(clock.now()), event.localeHint);
        deps.onTurn?.({
          channel: event.channel,
          dialog: undefined,
          language,
          ms: performance.now() - started,
          outcome: 'duplicate',
        });
        return { messages: [], language, dir: languageOf(language).dir, duplicate: true };
      }
      if (event.kind === 'unfollow') {
        await deps.reminders?.forget(event.channel, event.userKey);
        await store.delete(key);
        if (event.eventId) await store.markSeen(event.eventId);
        return {
          messages: [],
          language: deps.defaultLanguage,
          dir: 'ltr',
          duplicate: false,
          forgotten: true,
        };
      }
      const record = await store.get<Session>(key);
      const session = record?.value ?? newSession(clock.now());
      const { language, hinted } = resolveLanguage(session, event.localeHint);
      session.language = language;
      // The channel's locale (e.g. a LINE profile, given on follow only) outranks detection later on.
      if (hinted) session.languageSource = 'channel';
      const turn: TurnState = {
        key,
        channel: event.channel,
        session,
        language,
        hinted,
        out: [],
        user: {
          channel: event.channel,
          userKey: event.userKey,
          address: event.replyAddress ?? event.userKey,
        },
        forget: false,
        outcome: 'ok',
      };
      let messages: OutboundMessage[];
      try {
        upgrade(session);
        route(turn, event);
        if (turn.later) turn.out.push(...(await turn.later()));
        // Reminders kept for this visit (console, web widget) come first.
        if (deps.reminders && !turn.forget)
          turn.out.unshift(...(await deps.reminders.takeMailbox(turn.user)));
        messages = turn.out.map((message) => translator.renderMessage(message, turn.language));
      } catch (error) {
        // One error path for any failure inside a dialog: log, apologise, reset this conversation only.
        logger.error(
          { user: logKey(key), channel: event.channel, dialog: session.dialog?.id, err: error },
          'Engine.handle(): the turn failed; the conversation was reset',
        );
        turn.outcome = 'error';
        session.dialog = undefined;
        session.misunderstood = 0;
        const apology: DialogMessage[] = [
          { kind: 'text', text: phrase('common:error.apology') },
          mainMenu(available),
        ];
        messages = apology.map((message) => translator.renderMessage(message, turn.language));
      }
      if (turn.forget) {
        await deps.reminders?.forget(event.channel, event.userKey);
        await store.delete(key);
        if (event.eventId) await store.markSeen(event.eventId);
      } else {
        session.updatedAt = clock.now().toISOString();
        const outbox = event.outbox?.({
          messages,
          language: turn.language,
          dir: languageOf(turn.language).dir,
        });
        await store.save(key, session, {
          expectedVersion: record?.version ?? 0,
          fence: lock.token,
          ...(event.eventId ? { seenEventId: event.eventId } : {}),
          ...(event.inboxId ? { inboxId: event.inboxId } : {}),
          ...(outbox ? { outbox } : {}),
        });
      }
      const ms = performance.now() - started;
      // Skipped unless debug is on: the user key is a hash, and this runs on every turn.
      if (logger.isLevelEnabled('debug')) {
        logger.debug(
          {
            user: logKey(key),
            channel: event.channel,
            kind: event.kind,
            dialog: session.dialog?.id,
            outcome: turn.outcome,
            // To a tenth of a millisecond: the raw float's sixteen digits are noise, and a run of
            // them once matched a birth year the privacy test looks for in the logs.
            ms: Math.round(ms * 10) / 10,
          },
          'turn',
        );
      }
      deps.onTurn?.({
        channel: event.channel,
        dialog: session.dialog?.id,
        language: turn.language,
        ms,
        outcome: turn.outcome,
        ...(turn.handoff ? { handoff: turn.handoff } : {}),
      });
      return {
        messages,
        language: turn.language,
        dir: languageOf(turn.language).dir,
        duplicate: false,
        ...(turn.forget ? { forgotten: true } : { inboxRemoved: event.inboxId !== undefined }),
      };
    } finally {
      await lock.release();
    }
  }

  return {
    handle,
    async forget(channel, userKey) {
      await deps.reminders?.forget(channel, userKey);
      await store.delete(conversationKey(channel, userKey));
    },
  };
}

/** `build(language)` run once per language, its result kept for the engine's life. */
function perLanguage<T>(build: (language: LanguageCode) => T): (language: LanguageCode) => T {
  const built = new Map<LanguageCode, T>();
  return (language) => {
    let value = built.get(language);
    if (value === undefined) {
      value = build(language);
      built.set(language, value);
    }
    return value;
  };
}
