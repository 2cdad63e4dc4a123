import { describe, expect, it } from 'vitest';
import { inboundOf, type RenderOptions, renderActivities } from '../../../src/channels/botframework/index.ts';
import type { OutboundMessage } from '../../../src/messages.ts';

const options: RenderOptions = {
  locale: 'fr-FR',
  dir: 'ltr',
  datePickerLabel: 'Choisir une date',
  choiceStyle: 'messageBack',
};
const cardOf = (activity: { attachments?: Array<{ content: unknown }> } | undefined) =>
  activity?.attachments?.[0]?.content as {
    rtl?: boolean;
    body: Array<Record<string, unknown>>;
    actions?: Array<Record<string, unknown>>;
  };
const choices = [
  { label: 'Oui', payload: 'yes' },
  { label: 'Non', payload: 'no' },
];

describe('renderActivities', () => {
  it('turns the last choices into suggested actions: messageBack with the payload, or imBack with the label', () => {
    const question: OutboundMessage = { kind: 'choices', prompt: 'Hors du Japon ?', choices };
    const [webChat] = renderActivities([question], options);
    expect(webChat).toMatchObject({ text: 'Hors du Japon ?', locale: 'fr-FR', inputHint: 'expectingInput' });
    expect(webChat?.suggestedActions?.actions[0]).toEqual({
      type: 'messageBack',
      title: 'Oui',
      text: 'Oui',
      displayText: 'Oui',
      value: { choice: 'yes' },
    });
    const [teams] = renderActivities([question], { ...options, choiceStyle: 'imBack' });
    expect(teams?.suggestedActions?.actions[1]).toEqual({ type: 'imBack', title: 'Non', value: 'Non' });
  });

  it('puts choices that are not last in a card (suggested actions only show on the last activity)', () => {
    const [card] = renderActivities(
      [
        { kind: 'choices', prompt: 'Lequel ?', choices },
        { kind: 'text', text: 'Ensuite.' },
      ],
      options,
    );
    expect(card?.suggestedActions).toBeUndefined();
    expect(cardOf(card).actions).toEqual([
      { type: 'Action.Submit', title: 'Oui', associatedInputs: 'none', data: { choice: 'yes' } },
      { type: 'Action.Submit', title: 'Non', associatedInputs: 'none', data: { choice: 'no' } },
    ]);
  });

  it('asks for a date with a labelled, required Input.Date between min and max, and a submit button', () => {
    const [activity] = renderActivities(
      [
        {
          kind: 'date',
          prompt: 'Quel jour ?',
          min: '2026-01-01',
          max: '2026-11-25',
          choices: [{ label: 'Retour', payload: 'cmd:back' }],
        },
      ],
      options,
    );
    const card = cardOf(activity);
    expect(card.body).toEqual([
      {
        type: 'Input.Date',
        id: 'date',
        label: 'Quel jour ?',
        isRequired: true,
        errorMessage: 'Choisir une date',
        min: '2026-01-01',
        max: '2026-11-25',
      },
    ]);
    expect(card.actions?.map((action) => [action.title, action.data])).toEqual([
      ['Choisir une date', {}],
      ['Retour', { choice: 'cmd:back' }],
    ]);
  });

  it('renders cards, checklists, call and link buttons as Adaptive Cards with tel: and web actions', () => {
    const [card, checklist, call, link] = renderActivities(
      [
        {
          kind: 'card',
          title: 'Résumé',
          lines: ['Avant le 4 décembre'],
          buttons: [
            { kind: 'postback', label: 'Encore', payload: 'cmd:menu' },
            { kind: 'call', label: 'Appeler', tel: '00-0000-0000' },
          ],
        },
        { kind: 'checklist', title: 'Documents', items: ['Passeport'] },
        { kind: 'call', label: 'Centre', tel: '00-0000-0000' },
        { kind: 'link', label: 'Page officielle', url: 'https://office.example.org/' },
      ],
      options,
    );
    expect(cardOf(card).body.map((element) => element.text)).toEqual(['Résumé', 'Avant le 4 décembre']);
    expect(cardOf(card).actions?.[1]).toEqual({
      type: 'Action.OpenUrl',
      title: 'Appeler',
      url: 'tel:00-0000-0000',
    });
    expect(cardOf(checklist).body.map((element) => element.text)).toEqual(['Documents', '☐ Passeport']);
    expect(cardOf(call).actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Centre', url: 'tel:00-0000-0000' },
    ]);
    expect(cardOf(link).actions?.[0]?.url).toBe('https://office.example.org/');
  });

  it('marks right-to-left languages on the activity and its cards', () => {
    const rtl = { ...options, locale: 'ur-PK', dir: 'rtl' as const };
    const [text, checklist] = renderActivities(
      [
        { kind: 'text', text: 'سلام' },
        { kind: 'checklist', title: 'دستاویزات', items: ['پاسپورٹ'] },
      ],
      rtl,
    );
    expect(text?.channelData).toEqual({ dir: 'rtl' });
    expect(text?.locale).toBe('ur-PK');
    expect(cardOf(checklist).rtl).toBe(true);
  });
});

describe('inboundOf', () => {
  it.each([
    [
      { type: 'message', text: 'Oui', value: { choice: 'yes' } },
      { kind: 'choice', payload: 'yes' },
    ],
    [
      { type: 'message', value: { date: '2026-11-20' } },
      { kind: 'date', date: '2026-11-20' },
    ],
    [
      { type: 'message', value: { choice: 'cmd:back', date: '' } },
      { kind: 'choice', payload: 'cmd:back' },
    ],
    [
      { type: 'message', value: { date: 'tomorrow' }, text: ' demain ' },
      { kind: 'text', text: 'demain' },
    ],
    [{ type: 'message', attachments: [{}] }, { kind: 'unsupported' }],
    [
      { type: 'conversationUpdate', membersAdded: [{ id: 'user' }], recipient: { id: 'bot' } },
      { kind: 'follow' },
    ],
    [{ type: 'conversationUpdate', membersAdded: [{ id: 'bot' }], recipient: { id: 'bot' } }, undefined],
    [{ type: 'typing' }, undefined],
  ])('reads %j as %j', (activity, expected) => {
    expect(inboundOf(activity)).toEqual(expected);
  });
});
