/**
 * Renders one turn's neutral messages as LINE message objects, within LINE's limits (`limits.ts`),
 * never dropping content:
 * - choices → quick reply buttons when they are the turn's last message (quick replies vanish once
 *   another message follows), at most 13 and every label short enough; otherwise a Flex message
 *   whose rows show the full labels (paged into a carousel when long);
 * - a date question → the same, with a date picker (min/max) first;
 * - cards, checklists, call and link buttons → Flex bubbles (`tel:` and web URI actions);
 * - long texts → several text messages; right-to-left languages → Flex `direction: 'rtl'`.
 * Pure: no I/O, so every shape is unit-tested.
 */
import type { messagingApi } from '@line/bot-sdk';
import type { Button, Choice, IsoDate, OutboundMessage } from '../../messages.ts';
import {
  fitsGraphemes,
  MAX_ACTION_LABEL,
  MAX_ALT_TEXT,
  MAX_CAROUSEL_BUBBLES,
  MAX_DISPLAY_TEXT,
  MAX_POSTBACK_DATA,
  MAX_QUICK_REPLY_ITEMS,
  MAX_TEXT_LENGTH,
} from './limits.ts';

export type LineMessage = messagingApi.Message;
type Action = messagingApi.Action;
type FlexBox = messagingApi.FlexBox;
type FlexBubble = messagingApi.FlexBubble;
type FlexComponent = messagingApi.FlexComponent;

export interface RenderOptions {
  /** The language's writing direction (TurnResult.dir). */
  dir: 'ltr' | 'rtl';
  /** The date picker button's label in the user's language (`common:date.pickPrompt`). */
  datePickerLabel: string;
}

/** The postback `data` of our date picker; the date itself arrives in `postback.params.date`. */
export const DATE_PICKER_DATA = 'date-picker';
/** Rows of buttons per Flex bubble before paging into a carousel: a phone screen's worth. */
export const ROWS_PER_BUBBLE = 8;

const ACCENT = '#06775A';
const MUTED = '#666666';

interface Item {
  label: string;
  action: Action;
  /** A second line under the label (the phone number, the web site). */
  detail?: string;
}

export function renderTurn(messages: readonly OutboundMessage[], options: RenderOptions): LineMessage[] {
  return messages.flatMap((message, index) => renderMessage(message, index === messages.length - 1, options));
}

function renderMessage(message: OutboundMessage, last: boolean, options: RenderOptions): LineMessage[] {
  switch (message.kind) {
    case 'text':
      return textMessages(message.text);
    case 'choices':
      return question(message.prompt, message.choices.map(choiceItem), last, options);
    case 'date':
      return question(
        message.prompt,
        [
          datePickerItem(options.datePickerLabel, message.min, message.max),
          ...(message.choices ?? []).map(choiceItem),
        ],
        last,
        options,
      );
    case 'card':
      return [
        flexMessage(message.title, {
          ...bubbleBase(options),
          body: vertical([
            { type: 'text', text: message.title, weight: 'bold', size: 'lg', wrap: true },
            ...message.lines.map(
              (line): FlexComponent => ({ type: 'text', text: line, size: 'sm', wrap: true, margin: 'md' }),
            ),
          ]),
          ...(message.buttons.length > 0
            ? { footer: vertical(message.buttons.map((button) => row(buttonItem(button)))) }
            : {}),
        }),
      ];
    case 'checklist':
      return [
        flexMessage(message.title, {
          ...bubbleBase(options),
          body: vertical([
            { type: 'text', text: message.title, weight: 'bold', size: 'lg', wrap: true },
            { type: 'separator', margin: 'md' },
            ...message.items.map(
              (item): FlexComponent => ({
                type: 'box',
                layout: 'horizontal',
                margin: 'md',
                spacing: 'md',
                contents: [
                  { type: 'text', text: '☐', flex: 0, color: ACCENT },
                  { type: 'text', text: item, wrap: true, size: 'sm', flex: 1 },
                ],
              }),
            ),
          ]),
        }),
      ];
    case 'call':
    case 'link':
      return [
        flexMessage(message.label, { ...bubbleBase(options), body: vertical([row(buttonItem(message))]) }),
      ];
  }
}

/** A prompt with answers: quick replies when LINE can show them whole, Flex rows otherwise. */
function question(prompt: string, items: Item[], last: boolean, options: RenderOptions): LineMessage[] {
  const fitsQuickReply =
    last &&
    items.length <= MAX_QUICK_REPLY_ITEMS &&
    items.every((item) => fitsGraphemes(item.label, MAX_ACTION_LABEL));
  if (fitsQuickReply) {
    const texts = textMessages(prompt);
    const final = texts[texts.length - 1] as messagingApi.TextMessage;
    final.quickReply = {
      items: items.map((item) => ({ type: 'action', action: { ...item.action, label: item.label } })),
    };
    return texts;
  }
  const pages = chunk(items, ROWS_PER_BUBBLE).map(
    (page, index): FlexBubble => ({
      ...bubbleBase(options),
      body: vertical([
        ...(index === 0 ? [{ type: 'text', text: prompt, wrap: true, weight: 'bold' } as FlexComponent] : []),
        ...page.map(row),
      ]),
    }),
  );
  return chunk(pages, MAX_CAROUSEL_BUBBLES).map((bubbles) =>
    flexMessage(
      prompt,
      bubbles.length === 1 ? (bubbles[0] as FlexBubble) : { type: 'carousel', contents: bubbles },
    ),
  );
}

function choiceItem(choice: Choice<string>): Item {
  return { label: choice.label, action: postback(choice.label, choice.payload) };
}

/** A card button, or a call/link message (the same shapes). */
function buttonItem(button: Button<string>): Item {
  switch (button.kind) {
    case 'postback':
      return choiceItem(button);
    case 'call': {
      // tel: URIs take digits and a leading +; the number as written stays visible under the label.
      const tel = button.tel;
      return {
        label: button.label,
        action: { type: 'uri', uri: `tel:${tel.replace(/[^\d+]/g, '')}` },
        detail: tel,
      };
    }
    case 'link': {
      const url = button.url;
      return { label: button.label, action: { type: 'uri', uri: url }, detail: new URL(url).host };
    }
  }
}

/** LINE's date picker, mode date; it opens on the bound the question points at. */
function datePickerItem(label: string, min: IsoDate | undefined, max: IsoDate | undefined): Item {
  const initial = max ?? min;
  return {
    label,
    action: {
      type: 'datetimepicker',
      data: DATE_PICKER_DATA,
      mode: 'date',
      ...(initial ? { initial } : {}),
      ...(min ? { min } : {}),
      ...(max ? { max } : {}),
    },
  };
}

function postback(label: string, payload: string): messagingApi.PostbackAction {
  if (payload.length > MAX_POSTBACK_DATA) {
    // Payloads are ids written by dialogs (`go:lost-card`), never user text: a long one is a bug.
    throw new Error(
      `LINE render: postback payload of ${payload.length} characters exceeds LINE's ${MAX_POSTBACK_DATA}; shorten it in the dialog`,
    );
  }
  // displayText is only the echo of the tap in the chat; the full label stays on the button.
  return { type: 'postback', data: payload, displayText: clip(label, MAX_DISPLAY_TEXT) };
}

/** A tappable row showing the whole label (Flex text wraps, where quick reply labels cannot). */
function row(item: Item): FlexBox {
  return {
    type: 'box',
    layout: 'vertical',
    action: item.action,
    margin: 'md',
    paddingAll: 'md',
    cornerRadius: 'md',
    borderWidth: '1px',
    borderColor: ACCENT,
    contents: [
      { type: 'text', text: item.label, wrap: true, weight: 'bold', color: ACCENT },
      ...(item.detail
        ? [{ type: 'text', text: item.detail, wrap: true, size: 'xs', color: MUTED } as FlexComponent]
        : []),
    ],
  };
}

function bubbleBase(options: RenderOptions): FlexBubble {
  return { type: 'bubble', direction: options.dir };
}

function vertical(contents: FlexComponent[]): FlexBox {
  return { type: 'box', layout: 'vertical', contents };
}

function flexMessage(altText: string, contents: messagingApi.FlexContainer): messagingApi.FlexMessage {
  // altText is what notifications show; the message itself carries the full content.
  return { type: 'flex', altText: clip(altText, MAX_ALT_TEXT) || '…', contents };
}

function textMessages(text: string): messagingApi.TextMessage[] {
  return splitText(text, MAX_TEXT_LENGTH).map((part) => ({ type: 'text', text: part }));
}

/**
 * Splits a text into parts of at most `max` UTF-16 code units, at a paragraph, line or word break
 * when there is one, and never inside a surrogate pair.
 */
export function splitText(text: string, max: number = MAX_TEXT_LENGTH): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    // The latest paragraph break in the second half, else line break, else space, else a hard cut.
    const breaks = ['\n\n', '\n', ' '].map((separator) => rest.lastIndexOf(separator, max));
    let cut = breaks.find((index) => index > max / 2) ?? breaks.find((index) => index > 0) ?? -1;
    if (cut <= 0) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  parts.push(rest);
  return parts;
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const segments = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)];
  let out = '';
  for (const { segment } of segments) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out}…`;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
