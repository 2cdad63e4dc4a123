/**
 * Bot Framework activities ↔ the neutral model, shared by the Bot Framework channel and the
 * self-hosted Direct Line (Web Chat):
 * - text → a plain-text message; choices → suggested actions when they end the turn (Web Chat and
 *   most channels show suggested actions of the last activity only), otherwise an Adaptive Card
 *   with one submit button per choice;
 * - a date question → an Adaptive Card with an `Input.Date` (min/max) and a submit action;
 * - cards and checklists → Adaptive Cards; call buttons → `tel:` open-URL actions;
 * - each activity carries `locale`, and right-to-left languages are marked (`rtl` on cards,
 *   `channelData.dir`) for the clients that read it.
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference
 * https://adaptivecards.io/explorer/
 * Pure: no I/O.
 */
import type { InboundEvent, TurnResult } from '../../engine/engine.ts';
import { languageOf, type Translator } from '../../i18n/index.ts';
import { type Button, type Choice, type IsoDate, type OutboundMessage, phrase } from '../../messages.ts';

/** The outgoing message activity, before the channel adds ids, addresses and timestamps. */
export interface MessageActivity {
  type: 'message';
  locale: string;
  text?: string;
  textFormat?: 'plain' | 'markdown';
  attachments?: AdaptiveCardAttachment[];
  suggestedActions?: { to?: string[]; actions: CardAction[] };
  inputHint?: 'acceptingInput' | 'expectingInput';
  channelData: { dir: 'ltr' | 'rtl' };
}

export interface CardAction {
  type: 'imBack' | 'messageBack' | 'openUrl';
  title: string;
  value: unknown;
  text?: string;
  displayText?: string;
}

export interface AdaptiveCardAttachment {
  contentType: typeof ADAPTIVE_CARD;
  content: AdaptiveCard;
}

type AdaptiveElement = Record<string, unknown> & { type: string };

interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  rtl?: boolean;
  speak?: string;
  body: AdaptiveElement[];
  actions?: AdaptiveElement[];
}

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
/** Adaptive Cards 1.5 has `rtl` and `Action.Submit.associatedInputs`; Web Chat 4.18 renders it. */
const CARD_VERSION = '1.5';

/**
 * How a choice is sent back. `messageBack` (Web Chat): the label shows in the transcript and the
 * payload travels in `value`. `imBack` (any Bot Framework channel, Teams included): the label is
 * sent back as text, and the engine matches choices by label.
 */
export type ChoiceStyle = 'messageBack' | 'imBack';

export interface RenderOptions {
  /** The user's language (TurnResult.language), as a BCP 47 tag. */
  locale: string;
  dir: 'ltr' | 'rtl';
  /** The date submit button's label in the user's language (`common:date.pickPrompt`). */
  datePickerLabel: string;
  choiceStyle: ChoiceStyle;
}

/** What our cards' submit actions put in `activity.value`. */
export interface SubmitValue {
  choice?: string;
  date?: string;
}

const DATE_INPUT_ID = 'date';

export function renderActivities(
  messages: readonly OutboundMessage[],
  options: RenderOptions,
): MessageActivity[] {
  return messages.map((message, index) => renderMessage(message, index === messages.length - 1, options));
}

/** A turn's replies in the user's language and writing direction. */
export function renderTurnActivities(
  result: Pick<TurnResult, 'messages' | 'language' | 'dir'>,
  translator: Translator,
  choiceStyle: ChoiceStyle,
): MessageActivity[] {
  return renderActivities(result.messages, {
    locale: languageOf(result.language).intl,
    dir: result.dir,
    datePickerLabel: translator.render(phrase('common:date.pickPrompt'), result.language),
    choiceStyle,
  });
}

function renderMessage(message: OutboundMessage, last: boolean, options: RenderOptions): MessageActivity {
  switch (message.kind) {
    case 'text':
      return activity(options, { text: message.text, textFormat: 'plain' });
    case 'choices':
      if (last) {
        return activity(options, {
          text: message.prompt,
          textFormat: 'plain',
          inputHint: 'expectingInput',
          suggestedActions: { actions: message.choices.map((choice) => suggestedAction(choice, options)) },
        });
      }
      return cardActivity(options, [textBlock(message.prompt)], message.choices.map(submitChoice));
    case 'date':
      return cardActivity(
        options,
        [dateInput(message.prompt, options.datePickerLabel, message.min, message.max)],
        [
          { type: 'Action.Submit', title: options.datePickerLabel, style: 'positive', data: {} },
          ...(message.choices ?? []).map(submitChoice),
        ],
        'expectingInput',
      );
    case 'card':
      return cardActivity(
        options,
        [titleBlock(message.title), ...message.lines.map(textBlock)],
        message.buttons.map(buttonAction),
      );
    case 'checklist':
      return cardActivity(options, [
        titleBlock(message.title),
        ...message.items.map((item) => textBlock(`☐ ${item}`)),
      ]);
    case 'call':
      return cardActivity(
        options,
        [],
        [buttonAction({ kind: 'call', label: message.label, tel: message.tel })],
      );
    case 'link':
      return cardActivity(
        options,
        [],
        [buttonAction({ kind: 'link', label: message.label, url: message.url })],
      );
  }
}

function activity(options: RenderOptions, fields: Partial<MessageActivity>): MessageActivity {
  return { type: 'message', locale: options.locale, channelData: { dir: options.dir }, ...fields };
}

function cardActivity(
  options: RenderOptions,
  body: AdaptiveElement[],
  actions: AdaptiveElement[] = [],
  inputHint?: MessageActivity['inputHint'],
): MessageActivity {
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    ...(options.dir === 'rtl' ? { rtl: true } : {}),
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
  return activity(options, {
    attachments: [{ contentType: ADAPTIVE_CARD, content: card }],
    ...(inputHint ? { inputHint } : {}),
  });
}

function suggestedAction(choice: Choice<string>, options: RenderOptions): CardAction {
  return options.choiceStyle === 'messageBack'
    ? {
        type: 'messageBack',
        title: choice.label,
        text: choice.label,
        displayText: choice.label,
        value: { choice: choice.payload } satisfies SubmitValue,
      }
    : { type: 'imBack', title: choice.label, value: choice.label };
}

function textBlock(text: string): AdaptiveElement {
  return { type: 'TextBlock', text, wrap: true };
}

function titleBlock(text: string): AdaptiveElement {
  return { type: 'TextBlock', text, wrap: true, weight: 'Bolder', size: 'Medium', style: 'heading' };
}

/**
 * The question is the input's label (read with it by screen readers). Adaptive Cards refuse to
 * render a required input without a label and an error message.
 */
function dateInput(
  label: string,
  errorMessage: string,
  min: IsoDate | undefined,
  max: IsoDate | undefined,
): AdaptiveElement {
  return {
    type: 'Input.Date',
    id: DATE_INPUT_ID,
    label,
    isRequired: true,
    errorMessage,
    ...(min ? { min } : {}),
    ...(max ? { max } : {}),
  };
}

/** A choice inside a card: submits only its payload, whatever the card's inputs hold. */
function submitChoice(choice: Choice<string>): AdaptiveElement {
  return {
    type: 'Action.Submit',
    title: choice.label,
    associatedInputs: 'none',
    data: { choice: choice.payload } satisfies SubmitValue,
  };
}

function buttonAction(button: Button<string>): AdaptiveElement {
  switch (button.kind) {
    case 'postback':
      return submitChoice({ label: button.label, payload: button.payload });
    case 'call':
      return { type: 'Action.OpenUrl', title: button.label, url: `tel:${button.tel}` };
    case 'link':
      return { type: 'Action.OpenUrl', title: button.label, url: button.url };
  }
}

/** The parts of an incoming activity this module reads. */
export interface IncomingActivity {
  type?: string;
  text?: string;
  value?: unknown;
  attachments?: unknown[];
  membersAdded?: Array<{ id?: string }>;
  recipient?: { id?: string };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The engine's reading of an incoming activity, or undefined for what the bot does not act on
 * (typing, events, the bot's own arrival). A submitted card's choice outranks its date (a date
 * card's extra buttons submit no input), and a date outranks typed text.
 */
export function inboundOf(
  incoming: IncomingActivity,
): Pick<InboundEvent, 'kind' | 'text' | 'payload' | 'date'> | undefined {
  if (incoming.type === 'conversationUpdate') {
    const joined = (incoming.membersAdded ?? []).some((member) => member.id !== incoming.recipient?.id);
    return joined ? { kind: 'follow' } : undefined;
  }
  if (incoming.type !== 'message') return undefined;
  const value = (
    typeof incoming.value === 'object' && incoming.value !== null ? incoming.value : {}
  ) as Record<string, unknown>;
  if (typeof value.choice === 'string' && value.choice) return { kind: 'choice', payload: value.choice };
  if (typeof value[DATE_INPUT_ID] === 'string' && ISO_DATE.test(value[DATE_INPUT_ID])) {
    return { kind: 'date', date: value[DATE_INPUT_ID] };
  }
  const text = incoming.text?.trim();
  if (text) return { kind: 'text', text };
  return { kind: 'unsupported' };
}
