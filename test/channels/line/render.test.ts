import type { messagingApi } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import {
  graphemeLength,
  MAX_ACTION_LABEL,
  MAX_ALT_TEXT,
  MAX_BUBBLE_BYTES,
  MAX_CAROUSEL_BUBBLES,
  MAX_CAROUSEL_BYTES,
  MAX_DISPLAY_TEXT,
  MAX_POSTBACK_DATA,
  MAX_QUICK_REPLY_ITEMS,
  MAX_TEXT_LENGTH,
} from '../../../src/channels/line/limits.ts';
import {
  DATE_PICKER_DATA,
  type LineMessage,
  renderTurn,
  splitText,
} from '../../../src/channels/line/render.ts';
import type { Choice, OutboundMessage } from '../../../src/messages.ts';

const options = { dir: 'ltr' as const, datePickerLabel: 'Pick a date' };
type Action = messagingApi.Action & { data?: string; uri?: string; displayText?: string; label?: string };

/** Every action in a rendered message (quick reply items and Flex rows), and every text shown. */
function actionsOf(message: LineMessage): Action[] {
  const found: Action[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'action') found.push(value as Action);
        else walk(value);
      }
    }
  };
  walk(message);
  return found;
}

function textsOf(message: LineMessage): string[] {
  if (message.type === 'text') return [message.text];
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'text' && typeof record.text === 'string') found.push(record.text);
      for (const value of Object.values(record)) walk(value);
    }
  };
  walk(message.type === 'flex' ? message.contents : message);
  return found;
}

/** Asserts every limit LINE sets on what we send. */
function expectWithinLimits(messages: LineMessage[]): void {
  for (const message of messages) {
    if (message.type === 'text') expect(message.text.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    if (message.type === 'flex') {
      expect(message.altText.length).toBeGreaterThan(0);
      expect(message.altText.length).toBeLessThanOrEqual(MAX_ALT_TEXT);
      const { contents } = message;
      if (contents.type === 'carousel') {
        expect(contents.contents.length).toBeLessThanOrEqual(MAX_CAROUSEL_BUBBLES);
        expect(JSON.stringify(contents).length).toBeLessThanOrEqual(MAX_CAROUSEL_BYTES);
      }
      const bubbles = contents.type === 'carousel' ? contents.contents : [contents];
      for (const bubble of bubbles)
        expect(JSON.stringify(bubble).length).toBeLessThanOrEqual(MAX_BUBBLE_BYTES);
    }
    const items = message.quickReply?.items ?? [];
    expect(items.length).toBeLessThanOrEqual(MAX_QUICK_REPLY_ITEMS);
    for (const item of items)
      expect(graphemeLength(item.action?.label ?? '')).toBeLessThanOrEqual(MAX_ACTION_LABEL);
    for (const action of actionsOf(message)) {
      if (action.type === 'postback') {
        expect((action.data ?? '').length).toBeLessThanOrEqual(MAX_POSTBACK_DATA);
        expect((action.displayText ?? '').length).toBeLessThanOrEqual(MAX_DISPLAY_TEXT);
      }
      if (action.type === 'uri') expect(action.uri).toMatch(/^(https?:\/\/|tel:)/);
    }
  }
}

const choices = (count: number, label = (i: number) => `Option ${i}`): Choice<string>[] =>
  Array.from({ length: count }, (_, i) => ({ label: label(i), payload: `go:option-${i}` }));

describe('renderTurn: LINE messages within LINE limits', () => {
  it('renders a text as a text message, splitting one over 5000 characters without losing any', () => {
    const long = Array.from({ length: 1200 }, (_, i) => `word${i}`).join(' ');
    const messages = renderTurn([{ kind: 'text', text: long }], options);
    expect(messages.length).toBeGreaterThan(1);
    expectWithinLimits(messages);
    expect(messages.map((m) => (m.type === 'text' ? m.text : '')).join(' ')).toBe(long);
  });

  it('never splits a surrogate pair', () => {
    const parts = splitText('😀'.repeat(10), 5);
    expect(parts.join('')).toBe('😀'.repeat(10));
    for (const part of parts) expect(part).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  });

  it('renders the last question with short labels as quick-reply postbacks showing the label', () => {
    const [message] = renderTurn([{ kind: 'choices', prompt: 'Which kind?', choices: choices(3) }], options);
    expect(message).toMatchObject({ type: 'text', text: 'Which kind?' });
    expect(message?.quickReply?.items?.map((item) => item.action)).toEqual(
      choices(3).map((c) => ({ type: 'postback', label: c.label, data: c.payload, displayText: c.label })),
    );
  });

  it('moves 14+ choices into Flex rows, paged, keeping every one', () => {
    const many = choices(30);
    const messages = renderTurn([{ kind: 'choices', prompt: 'Which language?', choices: many }], options);
    expectWithinLimits(messages);
    expect(messages.every((m) => !m.quickReply)).toBe(true);
    const data = messages.flatMap(actionsOf).map((action) => action.data);
    expect(data).toEqual(many.map((c) => c.payload));
  });

  it('shows labels over 20 characters whole, in Flex rows, never truncated', () => {
    const long = 'Status of residence and period of stay';
    const messages = renderTurn(
      [{ kind: 'choices', prompt: 'Menu', choices: [{ label: long, payload: 'menu:status' }] }],
      options,
    );
    expect(messages[0]?.type).toBe('flex');
    expect(textsOf(messages[0] as LineMessage)).toContain(long);
    expect(actionsOf(messages[0] as LineMessage)[0]).toEqual({
      type: 'postback',
      data: 'menu:status',
      displayText: long,
    });
  });

  it('renders choices followed by other messages as Flex (quick replies would vanish)', () => {
    const messages = renderTurn(
      [
        { kind: 'choices', prompt: 'Which kind?', choices: choices(2) },
        { kind: 'text', text: 'More below' },
      ],
      options,
    );
    expect(messages.map((m) => m.type)).toEqual(['flex', 'text']);
  });

  it('renders a date question as a date picker with min/max, then its extra choices', () => {
    const [message] = renderTurn(
      [{ kind: 'date', prompt: 'Which day?', min: '2026-01-01', max: '2026-11-25', choices: choices(2) }],
      options,
    );
    expect(message?.quickReply?.items?.map((item) => item.action)).toEqual([
      {
        type: 'datetimepicker',
        label: 'Pick a date',
        data: DATE_PICKER_DATA,
        mode: 'date',
        initial: '2026-11-25',
        min: '2026-01-01',
        max: '2026-11-25',
      },
      ...choices(2).map((c) => ({ type: 'postback', label: c.label, data: c.payload, displayText: c.label })),
    ]);
  });

  it('keeps the date picker when a date question must go into Flex', () => {
    const messages = renderTurn(
      [{ kind: 'date', prompt: 'Which day?', min: '2026-11-25', choices: choices(13) }],
      options,
    );
    expectWithinLimits(messages);
    const actions = messages.flatMap(actionsOf);
    expect(actions[0]).toMatchObject({
      type: 'datetimepicker',
      mode: 'date',
      initial: '2026-11-25',
      min: '2026-11-25',
    });
    expect(actions).toHaveLength(14);
  });

  it('renders a card as a Flex bubble with its title, lines and postback, tel: and web buttons', () => {
    const card: OutboundMessage = {
      kind: 'card',
      title: 'Immigration Services Agency information center',
      lines: ['Questions about immigration procedures, in 17 languages.', 'Weekdays 8:30–17:15'],
      buttons: [
        { kind: 'call', label: 'Call', tel: '0570-013904' },
        { kind: 'link', label: 'Official page', url: 'https://www.moj.go.jp/isa/' },
        { kind: 'postback', label: 'Main menu', payload: 'cmd:menu' },
      ],
    };
    const [message] = renderTurn([card], options);
    expectWithinLimits([message as LineMessage]);
    expect(message?.type).toBe('flex');
    expect(textsOf(message as LineMessage)).toEqual(
      expect.arrayContaining([
        card.title,
        ...card.lines,
        'Call',
        '0570-013904',
        'Official page',
        'www.moj.go.jp',
      ]),
    );
    expect(actionsOf(message as LineMessage)).toEqual([
      { type: 'uri', uri: 'tel:0570013904' },
      { type: 'uri', uri: 'https://www.moj.go.jp/isa/' },
      { type: 'postback', data: 'cmd:menu', displayText: 'Main menu' },
    ]);
  });

  it('renders a checklist as a Flex bubble with every item', () => {
    const items = ['Passport', 'Residence card', 'Photo (4 cm × 3 cm)'];
    const [message] = renderTurn([{ kind: 'checklist', title: 'Documents to bring', items }], options);
    expectWithinLimits([message as LineMessage]);
    expect(textsOf(message as LineMessage)).toEqual(expect.arrayContaining(['Documents to bring', ...items]));
  });

  it('renders call and link messages as tappable Flex rows', () => {
    const messages = renderTurn(
      [
        { kind: 'call', label: 'Information center', tel: '+81-570-013904' },
        { kind: 'link', label: 'Official page', url: 'https://www.moj.go.jp/isa/' },
      ],
      options,
    );
    expect(messages.flatMap(actionsOf)).toEqual([
      { type: 'uri', uri: 'tel:+81570013904' },
      { type: 'uri', uri: 'https://www.moj.go.jp/isa/' },
    ]);
  });

  it('writes Flex bubbles right to left for Urdu', () => {
    const [message] = renderTurn([{ kind: 'checklist', title: 'دستاویزات', items: ['پاسپورٹ'] }], {
      ...options,
      dir: 'rtl',
    });
    expect(message?.type === 'flex' && message.contents).toMatchObject({ type: 'bubble', direction: 'rtl' });
  });

  it('refuses a postback payload over 300 characters (a dialog bug) rather than sending a broken button', () => {
    expect(() =>
      renderTurn(
        [{ kind: 'choices', prompt: 'Q', choices: [{ label: 'A', payload: 'x'.repeat(301) }] }],
        options,
      ),
    ).toThrow(/exceeds LINE's 300/);
  });

  it('renders a whole turn of every kind within the limits', () => {
    const turn: OutboundMessage[] = [
      { kind: 'text', text: 'x'.repeat(12_000) },
      { kind: 'checklist', title: 'T', items: Array.from({ length: 40 }, (_, i) => `Item ${i}`) },
      {
        kind: 'card',
        title: 'C',
        lines: ['l'],
        buttons: [{ kind: 'call', label: 'Call', tel: '0570-013904' }],
      },
      { kind: 'call', label: 'Call', tel: '0570-013904' },
      { kind: 'link', label: 'Link', url: 'https://www.moj.go.jp/isa/' },
      { kind: 'choices', prompt: 'P'.repeat(6000), choices: choices(200) },
      { kind: 'date', prompt: 'D', max: '2026-11-25', choices: choices(12) },
    ];
    expectWithinLimits(renderTurn(turn, options));
  });
});
